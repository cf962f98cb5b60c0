import { CredytError, type CredytErrorCode, type CredytErrorDetails, errorCodeForStatus, isErrorCode } from "./errors";
import { DEFAULT_CLIENT_TIMEOUT_MS } from "./timeouts";

/** Options of {@link createCredytClient} and {@link createCredytTransport}. */
export interface CredytClientOptions {
  /** Where the proxy is mounted, absolute or relative to the page. @default "/api/credyt" */
  baseUrl?: string;
  /** A `fetch` to use instead of the global one (tests, Storybook, custom transports). */
  fetch?: typeof fetch;
  /** Extra headers sent with every request, for example a CSRF token your server expects. */
  headers?: HeadersInit | (() => HeadersInit);
  /**
   * How long a request may take, body included, before it fails with `CredytError` code `timeout`
   * (a hung proxy must never leave a button stuck). The default is the proxy's own deadline
   * (`PROXY_DEADLINE_MS`, 12 s) plus 3 s of network: the client never gives up while the proxy still works.
   * @default 15000
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
const MAX_TIMER_MS = 2_147_483_647;

/** What a protocol call sends besides its method and path. */
export interface TransportInit {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

/**
 * The part of the browser client every call needs: where the proxy is, one `request` that sends a protocol call
 * and checks its answer, and the redirect hosts (read when a checkout or portal URL is checked). The calls
 * themselves (`fetchWallet`, `createTopUp`, …) are separate functions taking a transport, so a bundler keeps
 * only the ones an app uses: a page that reads a balance never ships the top-up, portal or redirect code.
 */
export interface CredytTransport {
  readonly baseUrl: string;
  request<W>(
    method: "GET" | "POST",
    path: string,
    check: (body: unknown) => string[],
    init?: TransportInit,
  ): Promise<W>;
  /** The hosts `allowedRedirectHosts` names now (`undefined`: the default, Credyt's own). */
  redirectHosts(): readonly string[] | undefined;
}

/**
 * Creates the transport the client's calls share (options as {@link createCredytClient}'s, checked the same way).
 *
 * @example
 * const transport = createCredytTransport({ baseUrl: "/api/credyt" });
 * const wallet = await fetchWallet(transport);
 */
export function createCredytTransport(options: CredytClientOptions = {}): CredytTransport {
  const { fetch, headers, onCustomerRef, allowedRedirectHosts: hosts } = options;
  const rawBase = options.baseUrl ?? "/api/credyt";
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS;
  // What a valid value looks like is said in development only: bundlers drop the examples from production builds.
  const refuse = (option: string, expected: string | false, seen: unknown) =>
    new TypeError(
      `createCredytClient: \`${option}\` ${expected ? `must be ${expected}` : "is invalid"}, got ${String(seen)}.`,
    );
  const baseUrl = typeof rawBase === "string" ? rawBase.replace(/\/+$/, "") : "";
  if (baseUrl === "") {
    throw refuse(
      "baseUrl",
      process.env.NODE_ENV !== "production" && 'a non-empty URL or path, such as "/api/credyt"',
      rawBase,
    );
  }
  if (fetch !== undefined && typeof fetch !== "function") throw refuse("fetch", "a function", fetch);
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMER_MS) {
    throw refuse(
      "timeoutMs",
      process.env.NODE_ENV !== "production" && "a positive integer (milliseconds), such as 15000",
      timeoutMs,
    );
  }
  if (hosts !== undefined && typeof hosts !== "function" && !Array.isArray(hosts)) {
    throw refuse(
      "allowedRedirectHosts",
      process.env.NODE_ENV !== "production" &&
        'an array of hosts, such as ["billing.example.com"], or a function returning one',
      hosts,
    );
  }
  async function request<W>(
    method: "GET" | "POST",
    path: string,
    check: (body: unknown) => string[],
    init: TransportInit = {},
  ): Promise<W> {
    const { body: payload, signal } = init;
    const sent = new Headers(typeof headers === "function" ? headers() : headers);
    sent.set("Accept", "application/json");
    for (const [key, value] of Object.entries(init.headers ?? {})) sent.set(key, value);
    if (payload !== undefined) sent.set("Content-Type", "application/json");

    // One deadline for the whole exchange, body included: a proxy that accepts and never answers (or
    // stops halfway through the body) must end in an error the UI can offer a retry for.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forwardAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) forwardAbort();
    signal?.addEventListener("abort", forwardAbort, { once: true });

    let response: Response | undefined;
    let text = "";
    try {
      response = await (fetch ?? globalThis.fetch)(`${baseUrl}${path}`, {
        method,
        headers: sent,
        body: payload === undefined ? null : JSON.stringify(payload),
        credentials: "same-origin",
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      if (timedOut) {
        throw new CredytError("timeout", `The billing server did not answer within ${timeoutMs / 1000} s. Try again.`, {
          cause,
        });
      }
      if (signal?.aborted) throw cause;
      if (!response) {
        throw new CredytError(
          "network_error",
          "Could not reach the billing server. Check your connection and try again.",
          {
            cause,
          },
        );
      }
      // A broken body: handled below as an HTTP error or an invalid response.
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forwardAbort);
    }

    const { status } = response;
    let body: unknown;
    let parsed = false;
    try {
      body = JSON.parse(text);
      parsed = true;
    } catch {
      // Not JSON: handled below as either an HTTP error or an invalid response.
    }
    if (!response.ok) throw errorFromResponse(response, parsed ? body : undefined);
    const ref = parsed && response.headers.get(CUSTOMER_REF_HEADER);
    if (ref) onCustomerRef?.(ref);
    const problems = parsed ? check(body) : [`not JSON (HTTP ${status})`];
    if (problems.length > 0) {
      throw new CredytError(
        "invalid_response",
        `The billing server sent an unexpected response: ${problems.join("; ")}.`,
        {
          status,
        },
      );
    }
    return body as W;
  }

  return {
    baseUrl,
    request,
    redirectHosts: () => (typeof hosts === "function" ? hosts() : hosts),
  };
}

/** Rebuilds a `CredytError` from a non-2xx protocol response (whatever its body). */
export function errorFromResponse(response: Response, body: unknown): CredytError {
  const { status, headers } = response;
  const retryAfter = /^\d+$/.test(headers.get("Retry-After") ?? "") ? Number(headers.get("Retry-After")) : undefined;
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  // The protocol's error body when it is one (a catalogue code and a message), else the status's code.
  const wire = error && isErrorCode(error.code) && typeof error.message === "string";
  return new CredytError(
    wire ? (error.code as CredytErrorCode) : errorCodeForStatus(status),
    wire ? (error.message as string) : `The billing server answered HTTP ${status}.`,
    { status, details: wire && isDetails(error.details) ? error.details : undefined, retryAfter },
  );
}

function isDetails(value: unknown): value is CredytErrorDetails {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.values(value).every((v) => Array.isArray(v) && v.every((m) => typeof m === "string"))
  );
}
