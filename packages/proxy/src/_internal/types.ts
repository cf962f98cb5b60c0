import type { CredytErrorCode } from "@credyt/core";
import type { WalletStreamOptions, WalletStreamStats } from "./fanout";
import type { IdempotencyStore, RateLimitStore } from "./stores";

type MaybePromise<T> = T | Promise<T>;

/** Limits on the top-ups the browser may ask for. Anything outside them is answered 422. */
export interface TopUpLimits<Ctx> {
  /** ISO 4217 codes the customer may pay in. @default ["USD"] */
  currencies?: string[];
  /** Assets a top-up may credit (custom assets such as `TOK`). @default the allowed currencies */
  assets?: string[];
  /**
   * Wallet accounts a top-up may credit (`account_name`); anything else is answered 422. Keep it to the
   * accounts your app really uses: a name the browser makes up must never reach Credyt. @default ["default"]
   */
  accountNames?: string[];
  /** Smallest amount, inclusive (major units; a decimal string keeps it exact). @default the currency's minor unit */
  min?: number | string;
  /** Largest amount, inclusive (major units). @default 10000 */
  max?: number | string;
  /**
   * An exchange rate for the credited asset, decided on the server only (a rate sent by the browser is
   * rejected). Called only when the credited asset differs from the currency paid (a custom asset such
   * as `TOK`), with the top-up being made. Return `undefined` to use the asset's default rate.
   */
  exchangeRate?(ctx: Ctx, topUp: ExchangeRateRequest): MaybePromise<number | undefined>;
}

/** What `topUps.exchangeRate` is asked about: the asset credited and the currency paid. */
export interface ExchangeRateRequest {
  /** The asset credited, e.g. `TOK`. */
  asset: string;
  /** The ISO 4217 currency paid, e.g. `USD`. */
  currency: string;
  /** The amount paid, in major units of `currency`. */
  amount: number;
}

/** Per-customer limit on requests (POSTs or GETs); over it the proxy answers 429 with `Retry-After`. */
export interface RateLimitOptions {
  /** Where hits are counted (a Redis store when you run several processes). @default a new MemoryRateLimitStore */
  store?: RateLimitStore;
  /** Requests allowed per customer per window. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
}

/** Options of `createCredytProxy`. `Ctx` is what your framework gives each request (see each adapter). */
export interface CredytProxyOptions<Ctx> {
  /** Your secret Credyt API key (`key_…`). Read it from the environment; it never reaches the browser. */
  apiKey: string;
  /** Credyt's API. @default "https://api.credyt.ai" */
  apiUrl?: string;
  /** Where the proxy is mounted; requests outside it are 404 (or passed on by the node adapter). @default "/api/credyt" */
  basePath?: string;
  /**
   * The signed-in customer's Credyt id, from your own session (a user's or an organisation's), or `null`
   * when nobody is signed in (answered 401). The only source of the customer: ids sent by the browser are rejected.
   */
  getCustomerId(ctx: Ctx): MaybePromise<string | null | undefined>;
  /** Where customers land after paying or leaving the portal: absolute, or a path on the request's origin. @default "/" */
  returnUrl?: string;
  /** Where customers land when a payment fails. @default the return URL */
  failureUrl?: string;
  /**
   * Extra origins (`https://app.example.com`) accepted, besides the page's own, in the `Origin` check and
   * in return and failure URLs. The proxy is meant to be mounted on your app's own origin: it sends no
   * CORS headers, so this does not let another site call it from a browser. @default []
   */
  allowedOrigins?: string[];
  /**
   * Your app's public origin, such as `"https://app.example.com"`. When set, it is the page's own origin
   * for the `Origin` check and for resolving relative return URLs, whatever URL the server itself sees.
   * Set it behind HTTPS termination (Heroku, Render, Fly, nginx), where the server sees `http://`.
   * @default the request's own origin
   */
  publicOrigin?: string;
  /**
   * Take the page's own origin from `X-Forwarded-Proto` and `X-Forwarded-Host` (first value of each).
   * Turn it on only behind a proxy you run that sets them; `publicOrigin` wins when both are set.
   * @default false
   */
  trustProxy?: boolean;
  /** What top-ups the browser may ask for. */
  topUps?: TopUpLimits<Ctx>;
  /** Time allowed for each upstream call before answering 504. @default 10000 */
  timeoutMs?: number;
  /** The `fetch` used to call Credyt (tests, emulator, custom agents). @default globalThis.fetch; in `@credyt/proxy/node`, a keep-alive pool of at most 50 connections (`createUpstreamFetch()`) */
  fetch?: typeof fetch;
  /** Audit hook: called for created top-ups and portal sessions, and for every rejected request. */
  onEvent?: (event: CredytProxyEvent) => void | Promise<void>;
  /** Remembers `Idempotency-Key`s for 24 h. @default a new MemoryIdempotencyStore */
  idempotencyStore?: IdempotencyStore;
  /** Per-customer POST limit, or `false` for none. @default { limit: 30, windowMs: 60000 } */
  rateLimit?: RateLimitOptions | false;
  /** The live balance stream, `GET {base}/wallet/stream`, or `false` to answer it 404. @default {} (on) */
  streams?: WalletStreamOptions | false;
  /**
   * Per-customer GET limit (wallet and account reads), or `false` for none. All your customers share one
   * Credyt key, so one customer's flood must not use up its limit. @default { limit: 120, windowMs: 60000 }
   */
  getRateLimit?: RateLimitOptions | false;
  /**
   * Stops calling Credyt for `cooldownMs` after `threshold` failures in a row (5xx, timeouts, resets,
   * 429), answering 503 with `Retry-After` instead, then lets one request through to probe. With the
   * retry budget (GET retries limited to 8% of requests, plus 2 saved up), an outage never multiplies the load on
   * Credyt. `false` turns it off. @default { threshold: 5, cooldownMs: 5000 }
   */
  circuitBreaker?: CircuitBreakerOptions | false;
}

/** When the proxy stops calling a failing Credyt for a while. */
export interface CircuitBreakerOptions {
  /** Upstream failures in a row that open the breaker. @default 5 */
  threshold?: number;
  /** How long it stays open before one probe request is let through, in ms. @default 5000 */
  cooldownMs?: number;
}

interface EventBase {
  /** The request's `X-Request-Id` (passed through or generated). */
  requestId: string;
  /** The request's HTTP method. */
  method: string;
  /** The path inside the base path, for example `/top-ups`. */
  path: string;
}

/** An audit event. Never contains the API key. */
export type CredytProxyEvent =
  | (EventBase & {
      type: "top_up.created";
      customerId: string;
      topUpId: string;
      amount: number;
      currency: string;
      asset: string;
      idempotencyKey: string;
    })
  | (EventBase & { type: "portal_session.created"; customerId: string })
  | (EventBase & {
      /**
       * The browser went away before its request was read (a closed tab, a dropped connection): nothing
       * was done and nobody is waiting for the answer. Not a server fault, so not worth an alert.
       */
      type: "request.aborted";
      customerId: string | null;
      /** Always 499 ("client closed request", as nginx logs it). */
      status: 499;
    })
  | (EventBase & {
      type: "request.rejected";
      customerId: string | null;
      status: number;
      code: CredytErrorCode;
      /** Why, in words meant for logs. */
      reason: string;
    });

/** What every adapter's proxy carries besides its request handler: the live balance controls. */
export interface CredytProxyLive {
  /**
   * Re-reads the customer's wallet now and pushes it to their open live streams (on every instance,
   * with a fan-out) when it changed. Call it after your server sent a usage event or an adjustment.
   * Rejects with a `CredytError` when Credyt could not be read; streams then catch up on their next poll.
   */
  notify(customerId: string): Promise<void>;
  /** Counters of the live streams on this instance, for monitoring and tests. */
  streamStats(): WalletStreamStats;
}

/** A Fetch handler: the proxy itself, and what the Fetch entry exports. */
export type CredytProxyHandler<Ctx> = ((request: Request, ctx?: Ctx) => Promise<Response>) & CredytProxyLive;

/** What `getCustomerId` receives from the Fetch entry (`@credyt/proxy`) and the Next adapter. */
export interface FetchContext {
  /** The incoming request, as your runtime handed it over. */
  request: Request;
}
