import type { IncomingMessage, ServerResponse } from "node:http";
import type { CredytErrorCode, Wallet } from "@credyt/core";
import type { CredytApi } from "./credyt-api-types";
import type { WalletFanout, WalletStreamOptions, WalletStreamStats } from "./fanout";
import type { IdempotencyStore, RateLimitStore } from "./stores";

type MaybePromise<T> = T | Promise<T>;

/** One currency's top-up limits, in major units (a decimal string keeps them exact). */
export interface CurrencyLimits {
  /** Smallest amount, inclusive. @default the currency's default (5 USD, 500 JPY…; see the README) */
  min?: number | string;
  /** Largest amount, inclusive. @default the currency's default (1000 USD, 150000 JPY…) */
  max?: number | string;
}

/** Limits on the top-ups the browser may ask for. Anything outside them is answered 422. */
export interface TopUpLimits<Ctx> {
  /**
   * The currencies the customer may pay in, each with its own limits: `{ USD: { min: 5, max: 500 } }`,
   * or a list of ISO 4217 codes (`["USD", "EUR"]`) that take each currency's defaults. A currency with no
   * built-in default (see the README's table) needs its `min` and `max`. @default ["USD"]
   */
  currencies?: string[] | Record<string, CurrencyLimits>;
  /** Assets a top-up may credit (custom assets such as `TOK`). @default the allowed currencies */
  assets?: string[];
  /**
   * Wallet accounts a top-up may credit (`account_name`); anything else is answered 422. Keep it to the
   * accounts your app really uses: a name the browser makes up must never reach Credyt. @default ["default"]
   */
  accountNames?: string[];
  /** Smallest amount for every listed currency (major units); prefer per-currency limits. */
  min?: number | string;
  /** Largest amount for every listed currency (major units); prefer per-currency limits. */
  max?: number | string;
  /**
   * An exchange-rate override sent to Credyt as `destination.exchange_rate`, decided on the server only,
   * as units of the asset credited per 1 of the currency paid (`1000` → 10 USD credits 10000 TOK).
   * Credyt does not document which way it reads that number: use this only when
   * `npx @credyt/proxy probe` reports `units-per-currency`, else {@link TopUpLimits.currencyPerUnit}.
   * Called only for a custom asset; `undefined` (or no option) sends no override: Credyt's asset rate applies.
   */
  unitsPerCurrency?(ctx: Ctx, topUp: ExchangeRateRequest): MaybePromise<number | undefined>;
  /**
   * The same override as the price of one unit in the currency paid (`0.001` → 10 USD credits 10000 TOK),
   * for a Credyt that reads `destination.exchange_rate` as the probe's `currency-per-unit`. Give one of the two.
   */
  currencyPerUnit?(ctx: Ctx, topUp: ExchangeRateRequest): MaybePromise<number | undefined>;
}

/** What `topUps.unitsPerCurrency` / `currencyPerUnit` are asked about: the asset credited and the currency paid. */
export interface ExchangeRateRequest {
  /** The asset credited, e.g. `TOK`. */
  asset: string;
  /** The ISO 4217 currency paid, e.g. `USD`. */
  currency: string;
  /** The amount paid, in major units of `currency`. */
  amount: number;
}

/** A per-customer limit: `limit` requests per `windowMs`. */
export interface LimitWindow {
  /** Requests allowed per customer per window. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
}

/**
 * Per-customer request limits, counted in `store` (shared between instances with `createRedisStore`).
 * Each part merges over its default; `false` turns that part off, and `rateLimit: false` turns both off.
 */
export interface RateLimits {
  /** GETs (wallet, account, usage reads and the stream). `false` for none. @default { limit: 120, windowMs: 60000 } */
  reads?: Partial<LimitWindow> | false;
  /** POSTs (top-ups, portal sessions). `false` for none. @default { limit: 30, windowMs: 60000 } */
  writes?: Partial<LimitWindow> | false;
}

/** Per-customer limit on requests (the older `rateLimit`/`getRateLimit` shape of `createCredytProxy`). */
export interface RateLimitOptions {
  /** Where hits are counted. @default the instance's store */
  store?: RateLimitStore;
  /** Requests allowed per customer per window. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
}

/**
 * Everything the proxy keeps between requests, in one place: `Idempotency-Key`s, both rate limits,
 * the customer mapping of `identify` and the live streams' fan-out. `createMemoryStore()` (the default)
 * holds for one process; `createRedisStore({ client, subscriber })` (`@credyt/proxy/redis`) for many.
 */
export interface CredytStore {
  /** `Idempotency-Key`s of top-ups, and the single-flight lock of first-sight customer creation. */
  idempotency: IdempotencyStore;
  /** Hits of both rate limits. */
  rateLimit: RateLimitStore;
  /** Shares live stream polls and `notify()` between instances; absent, each instance works alone. */
  fanout?: WalletFanout;
}

/** Who the signed-in user is, in your app's own terms: `identify` answers it. */
export interface Identity {
  /** Your own id of the user or organisation that pays (Credyt's `external_id`), 1-256 characters. */
  externalId: string;
  /** The name Credyt shows (in the billing portal) when the customer is created. @default the email, else externalId */
  name?: string;
  /** The customer's email, sent when the customer is created. */
  email?: string;
}

/** A product a new customer is subscribed to, so the accounts it prices in exist from the start. */
export interface CustomerProduct {
  /** The product's code in Credyt. */
  code: string;
  /** A version number; left out, the product's current default version. */
  version?: number;
}

/** How customers met through `identify` are created. */
export interface CustomerOptions {
  /** Products every new customer is subscribed to (codes or `{ code, version }`). @default [] */
  products?: Array<string | CustomerProduct>;
}

/** Options of `createCredyt`. `Ctx` is what `identify` receives (see each adapter's context type). */
export interface CredytOptions<Ctx> {
  /** Your secret Credyt API key (`key_…`). Read it from the environment; it never reaches the browser. */
  apiKey: string;
  /** Credyt's API. @default "https://api.credyt.ai" */
  apiUrl?: string;
  /**
   * The signed-in user in your app's own terms, or `null` when nobody is signed in (answered 401). The
   * proxy finds the Credyt customer whose `external_id` is `externalId`, creates it on first sight (with
   * `customers.products`) and remembers the mapping in `store`. Give this or `getCustomerId`, not both.
   */
  identify?(ctx: Ctx): MaybePromise<Identity | null | undefined>;
  /**
   * The signed-in customer's Credyt id (`cust_…`), for apps that store it with their users, or `null`
   * when nobody is signed in (answered 401). The only source of the customer: ids sent by the browser are
   * rejected. Give this or `identify`, not both.
   */
  getCustomerId?(ctx: Ctx): MaybePromise<string | null | undefined>;
  /** How customers met through `identify` are created. */
  customers?: CustomerOptions;
  /**
   * Your app's public origin, such as `"https://app.example.com"`: the `Origin` check and relative return
   * URLs use it, whatever URL the server itself sees. Required outside development; a loopback origin
   * (`http://localhost:3000`) counts as development.
   */
  origin?: string;
  /**
   * Development mode: the origin may come from the request's `Host` header, refusals are explained in
   * the server log, and a one-line audit record is logged per refused or money-moving request.
   * @default true for a loopback `origin`, or when NODE_ENV is "development" or "test"; false otherwise
   */
  dev?: boolean;
  /**
   * One line in the server log (`console.info`) per refused or money-moving request.
   * @default true in development (except under a test runner, NODE_ENV=test), false otherwise
   */
  auditLog?: boolean;
  /**
   * The path the proxy serves under, for a bare Fetch handler only: the Next, Hono and Node adapters take
   * it from the framework's own route (the `[...path]` segment, the mount path). @default "/api/credyt"
   */
  basePath?: string;
  /** Where customers land after paying or leaving the portal: absolute, or a path on this site. @default "/" */
  returnUrl?: string;
  /** Where customers land when a payment fails. @default the return URL */
  failureUrl?: string;
  /**
   * Extra origins (`https://app.example.com`) accepted, besides `origin`, in the `Origin` check and in
   * return and failure URLs. The proxy sends no CORS headers, so this does not let another site call it
   * from a browser. @default []
   */
  allowedOrigins?: string[];
  /**
   * Take this site's origin from `X-Forwarded-Proto` and `X-Forwarded-Host` (first value of each) when
   * `origin` is not set. Only behind a proxy you run that sets them. @default false
   */
  trustProxy?: boolean;
  /** What top-ups the browser may ask for; served to the browser on `GET {base}/config`. */
  topUps?: TopUpLimits<Ctx>;
  /** Where idempotency keys, rate limits, the customer mapping and the stream fan-out live. @default createMemoryStore() */
  store?: CredytStore;
  /** Per-customer request limits, or `false` for none. @default { reads: { limit: 120, windowMs: 60000 }, writes: { limit: 30, windowMs: 60000 } } */
  rateLimit?: RateLimits | false;
  /**
   * The live balance stream, `GET {base}/wallet/stream`, or `false` to answer it 404 (the browser then
   * revalidates instead). On by default; turn it off on serverless platforms that bill or cap a
   * request's duration. @default {} (on)
   */
  streams?: WalletStreamOptions | false;
  /**
   * Time allowed for each upstream call before answering 504. With a `fetch` that does not bound calls itself
   * (a runtime's global fetch, the default outside Node), calls of the same short window share one
   * deadline: a call is cut off no earlier than `timeoutMs` and at most `timeoutMs / 100` (100 ms at most) later.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * The `fetch` used to call Credyt (tests, emulator, custom agents). @default on Node (the package's `node`
   * export condition), a keep-alive pool of at most 50 connections per instance (`createUpstreamFetch()`,
   * opened on the first call); on Workers, Next's edge runtime, Deno and Bun, `globalThis.fetch`. Pass
   * `fetch: globalThis.fetch` to use Node's global fetch (MSW, Next's fetch instrumentation).
   *
   * A call it rejects with an `AbortError` counts as Credyt being slow (504 `upstream_timeout`, counted by
   * the circuit breaker), so a `fetch` that enforces its own timeout with `controller.abort()` reports
   * Credyt's slowness as such. Only with the host's evidence is an abort a cancellation (never retried,
   * never counted, a request that joined the call makes its own): the incoming request's `signal` was
   * aborted, or Next.js rejected the fetch for a prerender it abandoned (`digest:
   * "HANGING_PROMISE_REJECTION"`).
   */
  fetch?: typeof fetch;
  /**
   * Audit hook: called for created top-ups and portal sessions, every refused request, and every store
   * failure (`store_error`). A hook that throws is reported in the development log and never changes
   * the answer.
   */
  onEvent?: (event: CredytProxyEvent) => void | Promise<void>;
  /**
   * Per-customer budget of calls to Credyt (every call the proxy makes for the customer: reads, stream
   * polls, summary pages, top-up look-ups, retries), counted in the rate-limit store. Over it, that
   * customer's requests are answered 429 and its streams wait; other customers are not affected.
   * `false` turns it off. @default { limit: 300, windowMs: 60000 }
   */
  upstreamBudget?: { limit?: number; windowMs?: number } | false;
  /**
   * Stops calling Credyt for `cooldownMs` after `threshold` failures in a row (5xx, timeouts, resets;
   * never 429s) for at least 3 different customers, answering 503 with `Retry-After` instead, then lets one request through to probe. With the
   * retry budget (GET retries limited to 8% of requests, plus 2 saved up), an outage never multiplies the load on
   * Credyt. `false` turns it off. @default { threshold: 5, cooldownMs: 5000 }
   */
  circuitBreaker?: CircuitBreakerOptions | false;
}

/**
 * Options of `createCredytProxy`, the one-handler form kept from 0.1: the options of `createCredyt`,
 * `getCustomerId` required, plus the older names it still reads.
 */
export interface CredytProxyOptions<Ctx> extends Omit<CredytOptions<Ctx>, "rateLimit" | "getCustomerId"> {
  /** The signed-in customer's Credyt id (`cust_…`), or `null` when nobody is signed in (answered 401). */
  getCustomerId(ctx: Ctx): MaybePromise<string | null | undefined>;
  /** The older name of `origin`. */
  publicOrigin?: string;
  /** The older place of `store.idempotency`. */
  idempotencyStore?: IdempotencyStore;
  /** Either `{ reads, writes }`, or the older POST-only `{ limit, windowMs, store? }`. */
  rateLimit?: RateLimits | RateLimitOptions | false;
  /** The older GET limit (`rateLimit.reads`). */
  getRateLimit?: RateLimitOptions | false;
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
  | {
      /**
       * A store (idempotency, rate limit, customer mapping, fan-out) or the `onEvent` hook failed. The
       * request was answered as well as it could be; this is for your alerts.
       */
      type: "store_error";
      requestId: string;
      /** What was being done: `idempotency.complete`, `rate_limit.hit`, `customers.map`, `on_event`… */
      operation: string;
      /** The failure's message, without the API key. */
      message: string;
    }
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

/** A Node request handler that is also Express/Connect middleware (`next` passes on what is not ours). */
export type NodeMiddleware<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
> = (req: Req, res: Res, next?: (error?: unknown) => void) => void;

/** Where a request sits in the proxy's routes, as an adapter learned it from its framework. */
export interface RouteInfo<Ctx> {
  /** What `identify` / `getCustomerId` receive. @default { request } */
  ctx?: Ctx;
  /**
   * The path inside the proxy, from the framework's own route: Next's `[...path]` segments (decoded), or
   * a path such as `/wallet`. Left out, the request URL is read under `basePath`.
   */
  path?: string[] | string;
}

/** The customer `notify` is about: a Credyt id (`cust_…`), or your own user id as `identify` returns it. */
export type CustomerRef = string | { externalId: string };

/**
 * One Credyt instance, configured once: mount it with any adapter (`credyt.fetch`, `credyt.node()`,
 * `toNextRoute(credyt)`, `toHonoHandler(credyt)`) and call Credyt from server code with `credyt.api`.
 */
export interface Credyt<Ctx = FetchContext> {
  /** The proxy as a Fetch handler under `basePath` (Bun, Deno, Workers, Remix): `(request) => response`. */
  fetch(request: Request, ctx?: Ctx): Promise<Response>;
  /** The proxy for an adapter that knows the route: what the Next and Hono adapters call. */
  handle(request: Request, route: RouteInfo<Ctx>): Promise<Response>;
  /**
   * The proxy as Node middleware: `app.use("/api/credyt", credyt.node())` (Express 4/5, Connect; the
   * mount path is the prefix) or `http.createServer(credyt.node())` (under `basePath`). `identify`
   * receives `{ request, req, res }`.
   */
  node<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(): NodeMiddleware<
    Req,
    Res
  >;
  /**
   * Express error middleware that answers body-parser failures under the proxy (malformed JSON, a body
   * over the limit) in the protocol's JSON shape: `app.use("/api/credyt", credyt.nodeErrors())` after
   * the proxy, when an app-wide `express.json()` runs before it.
   */
  nodeErrors(): (error: unknown, req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  /**
   * Re-reads the customer's wallet and pushes it to their open live streams (on every instance with a
   * shared store). Call it after your server sent a usage event or an adjustment.
   */
  notify(customer: CustomerRef): Promise<void>;
  /** The typed Credyt client of this instance (same key, store and customer mapping). */
  api: CredytServerApi;
  /** Counters of the live streams on this instance, for monitoring and tests. */
  streamStats(): WalletStreamStats;
}

/** `credyt.api`: the typed client plus the customer mapping `identify` uses. */
export interface CredytServerApi extends CredytApi {
  /** Credyt customers by your own user ids (what `identify` uses). */
  customers: CustomersApi;
}

/** Credyt customers by your own user ids. */
export interface CustomersApi {
  /**
   * The Credyt customer id for your `externalId`: found by `external_id`, or created (with the
   * configured products) when there is none. Concurrent calls for one new user create one customer.
   */
  getOrCreate(externalId: string, details?: Omit<Identity, "externalId">): Promise<string>;
  /** The Credyt customer id for `externalId`, or `null` when Credyt has none. Never creates. */
  find(externalId: string): Promise<string | null>;
  /**
   * Your user's wallet in one call (`getOrCreate`, then `getWallet`): what a server component prefetches
   * for `<CredytProvider initialWallet={wallet}>`.
   */
  getWallet(externalId: string, details?: Omit<Identity, "externalId">): Promise<Wallet>;
}
