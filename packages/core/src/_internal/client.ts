import { CredytError, type CredytErrorDetails, errorCodeForStatus, isErrorCode } from "./errors";
import { checkRedirectUrl } from "./redirect";
import { checkAccountBody, checkPortalSession, checkTopUp, checkWallet } from "./validate";
import {
  type Account,
  accountFromWire,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_RULE,
  isIdempotencyKey,
  type PortalSession,
  type PortalSessionInput,
  portalSessionFromWire,
  type TopUp,
  type TopUpInput,
  topUpFromWire,
  topUpInputToWire,
  type Wallet,
  type WireAccount,
  type WirePortalSession,
  type WireTopUp,
  type WireWallet,
  walletFromWire,
} from "./wire";

/** Options of {@link createCredytClient}. */
export interface CredytClientOptions {
  /** Where the proxy is mounted, absolute or relative to the page. @default "/api/credyt" */
  baseUrl?: string;
  /** A `fetch` to use instead of the global one (tests, Storybook, custom transports). */
  fetch?: typeof fetch;
  /** Extra headers sent with every request, for example a CSRF token your server expects. */
  headers?: HeadersInit | (() => HeadersInit);
  /**
   * How long a request may take, body included, before it fails with `CredytError` code `timeout`
   * (a hung proxy must never leave a button stuck). @default 15000
   */
  timeoutMs?: number;
  /**
   * Hosts a checkout or portal `redirect_url` may point to besides the page's own origin (https only):
   * `"billing.example.com"`, `"host:8443"`, `"*.example.com"`. A function is read on every call (for a
   * list that lives in React props). Refused URLs reject with `invalid_response` and are named, with the
   * entry that would allow them, in `console.error`. @default ["credyt.ai", "*.credyt.ai"]
   */
  allowedRedirectHosts?: readonly string[] | (() => readonly string[] | undefined);
  /**
   * Called with the `Credyt-Customer-Ref` of every successful answer that has one (an opaque reference
   * to the customer the server answered for), before the call resolves. `CredytProvider` uses it to
   * drop every cached answer of another customer.
   */
  onCustomerRef?: (ref: string) => void;
}

/** The response header naming, opaquely, the customer an answer is for. */
const CUSTOMER_REF_HEADER = "Credyt-Customer-Ref";

/** The default of {@link CredytClientOptions.timeoutMs}. */
export const DEFAULT_CLIENT_TIMEOUT_MS = 15_000;
const MAX_TIMER_MS = 2_147_483_647;

/** Per-call options: an `AbortSignal` to cancel the request. */
export interface RequestOptions {
  signal?: AbortSignal;
}

/** Per-call options of `createTopUp`: the purchase's idempotency key is required. */
export interface TopUpRequestOptions extends RequestOptions {
  /** One key per purchase intent; retries with the same key never create a second top-up. */
  idempotencyKey: string;
}

/** The browser's view of the protocol: every call resolves to camelCase data or rejects with a `CredytError`. */
export interface CredytClient {
  /** Where the proxy is mounted, without a trailing slash (the cache keys use it). */
  readonly baseUrl: string;
  /** The signed-in customer's wallet. */
  getWallet(options?: RequestOptions): Promise<Wallet>;
  /** One account by id (`default:USD`). */
  getAccount(accountId: string, options?: RequestOptions): Promise<Account>;
  /** Starts a checkout; its `redirectUrl` has passed the redirect policy (`allowedRedirectHosts`). */
  createTopUp(input: TopUpInput, options: TopUpRequestOptions): Promise<TopUp>;
  /** A billing portal link; its `redirectUrl` has passed the redirect policy (`allowedRedirectHosts`). */
  createBillingPortalSession(input?: PortalSessionInput, options?: RequestOptions): Promise<PortalSession>;
  /**
   * A GET of any other protocol route (`/usage`, `/usage/summary`, `/quote`), resolving to its wire JSON once
   * `check` finds no problem with it. The usage fetchers of `@credyt/core` use it; optional for custom clients.
   */
  get?<W>(path: string, check: (body: unknown) => string[], options?: RequestOptions): Promise<W>;
}

/**
 * Creates the client the React components use to talk to a Credyt proxy.
 *
 * @example
 * const client = createCredytClient({ baseUrl: "/api/credyt" });
 * const wallet = await client.getWallet();
 */
export function createCredytClient(options: CredytClientOptions = {}): CredytClient {
  const rawBase = options.baseUrl ?? "/api/credyt";
  const baseUrl = typeof rawBase === "string" ? rawBase.replace(/\/+$/, "") : "";
  if (baseUrl === "") {
    throw new TypeError('createCredytClient: `baseUrl` must be a non-empty URL or path, such as "/api/credyt".');
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError("createCredytClient: `fetch` must be a function.");
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMER_MS) {
    throw new TypeError(
      `createCredytClient: \`timeoutMs\` must be a positive integer (milliseconds), such as 15000, got ${String(options.timeoutMs)}.`,
    );
  }
  const hosts = options.allowedRedirectHosts;
  if (hosts !== undefined && typeof hosts !== "function" && !Array.isArray(hosts)) {
    throw new TypeError(
      'createCredytClient: `allowedRedirectHosts` must be an array of hosts, such as ["billing.example.com"], or a function returning one.',
    );
  }
  const checkRedirect = (url: string): string =>
    checkRedirectUrl(url, { allowedHosts: typeof hosts === "function" ? hosts() : hosts });

  async function request<W>(
    method: "GET" | "POST",
    path: string,
    check: (body: unknown) => string[],
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal | undefined },
  ): Promise<W> {
    const doFetch = options.fetch ?? globalThis.fetch;
    const headers = new Headers(typeof options.headers === "function" ? options.headers() : options.headers);
    headers.set("Accept", "application/json");
    for (const [key, value] of Object.entries(init.headers ?? {})) headers.set(key, value);
    if (init.body !== undefined) headers.set("Content-Type", "application/json");

    // One deadline for the whole exchange, body included: a proxy that accepts and never answers (or
    // stops halfway through the body) must end in an error the UI can offer a retry for.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forwardAbort = () => controller.abort(init.signal?.reason);
    if (init.signal?.aborted) forwardAbort();
    init.signal?.addEventListener("abort", forwardAbort, { once: true });
    const timeoutError = (cause: unknown) =>
      new CredytError("timeout", `The billing server did not answer within ${timeoutMs / 1000} s. Try again.`, {
        cause,
      });

    let response: Response;
    let text: string;
    try {
      try {
        response = await doFetch(`${baseUrl}${path}`, {
          method,
          headers,
          body: init.body === undefined ? null : JSON.stringify(init.body),
          credentials: "same-origin",
          signal: controller.signal,
        });
      } catch (cause) {
        if (timedOut) throw timeoutError(cause);
        if (init.signal?.aborted) throw cause;
        throw new CredytError(
          "network_error",
          "Could not reach the billing server. Check your connection and try again.",
          {
            cause,
          },
        );
      }
      try {
        text = await response.text();
      } catch (cause) {
        if (timedOut) throw timeoutError(cause);
        if (init.signal?.aborted) throw cause;
        text = ""; // A broken body: handled below as an HTTP error or an invalid response.
      }
    } finally {
      clearTimeout(timer);
      init.signal?.removeEventListener("abort", forwardAbort);
    }

    let body: unknown;
    let parsed = false;
    try {
      body = JSON.parse(text);
      parsed = true;
    } catch {
      // Not JSON: handled below as either an HTTP error or an invalid response.
    }

    if (!response.ok) throw errorFromResponse(response, parsed ? body : undefined);
    if (!parsed) {
      throw new CredytError(
        "invalid_response",
        `The billing server sent a response that is not JSON (HTTP ${response.status}).`,
        {
          status: response.status,
        },
      );
    }
    const ref = response.headers.get(CUSTOMER_REF_HEADER);
    if (ref && options.onCustomerRef) options.onCustomerRef(ref);
    const problems = check(body);
    if (problems.length > 0) {
      throw new CredytError(
        "invalid_response",
        `The billing server sent an unexpected response: ${problems.join("; ")}.`,
        {
          status: response.status,
        },
      );
    }
    return body as W;
  }

  return {
    baseUrl,
    async getWallet(opts = {}) {
      return walletFromWire(await request<WireWallet>("GET", "/wallet", checkWallet, { signal: opts.signal }));
    },
    async getAccount(accountId, opts = {}) {
      if (typeof accountId !== "string" || accountId.trim() === "") {
        throw new CredytError(
          "invalid_request",
          'getAccount: `accountId` must be a non-empty string such as "default:USD".',
          {
            details: { account_id: ["must be a non-empty string"] },
          },
        );
      }
      const wire = await request<WireAccount>("GET", `/wallet/${encodeURIComponent(accountId)}`, checkAccountBody, {
        signal: opts.signal,
      });
      return accountFromWire(wire);
    },
    async createTopUp(input, opts) {
      const key = opts?.idempotencyKey;
      if (!isIdempotencyKey(key)) {
        throw new CredytError(
          "invalid_request",
          `createTopUp: pass an \`idempotencyKey\` of ${IDEMPOTENCY_KEY_RULE}, one per purchase intent.`,
          { details: { [IDEMPOTENCY_HEADER]: [`must be ${IDEMPOTENCY_KEY_RULE}`] } },
        );
      }
      if (typeof input !== "object" || input === null) {
        throw new CredytError(
          "invalid_request",
          'createTopUp: `input` must be an object like { amount: 25, currency: "USD" }.',
        );
      }
      const wire = await request<WireTopUp>("POST", "/top-ups", checkTopUp, {
        body: topUpInputToWire(input),
        headers: { [IDEMPOTENCY_HEADER]: key },
        signal: opts.signal,
      });
      const topUp = topUpFromWire(wire);
      return { ...topUp, redirectUrl: checkRedirect(topUp.redirectUrl) };
    },
    async createBillingPortalSession(input = {}, opts = {}) {
      const body: Record<string, string> = {};
      if (input.returnUrl !== undefined) body.return_url = input.returnUrl;
      const wire = await request<WirePortalSession>("POST", "/billing-portal/sessions", checkPortalSession, {
        body,
        signal: opts.signal,
      });
      const session = portalSessionFromWire(wire);
      return { ...session, redirectUrl: checkRedirect(session.redirectUrl) };
    },
    get: (path, check, opts = {}) => request("GET", path, check, { signal: opts.signal }),
  };
}

/** Rebuilds a `CredytError` from a non-2xx protocol response (whatever its body). */
export function errorFromResponse(response: Response, body: unknown): CredytError {
  const retryAfterHeader = response.headers.get("Retry-After");
  const retryAfter = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : undefined;
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && isErrorCode(error.code) && typeof error.message === "string") {
    return new CredytError(error.code, error.message, {
      status: response.status,
      details: isDetails(error.details) ? error.details : undefined,
      retryAfter,
    });
  }
  const code = errorCodeForStatus(response.status);
  return new CredytError(code, `The billing server answered HTTP ${response.status}.`, {
    status: response.status,
    retryAfter,
  });
}

function isDetails(value: unknown): value is CredytErrorDetails {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.values(value).every((v) => Array.isArray(v) && v.every((m) => typeof m === "string"))
  );
}
