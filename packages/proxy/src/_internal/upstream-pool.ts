import { Agent, request } from "undici";
import { UPSTREAM_TIMEOUT_MS } from "./upstream";

/** Options of {@link createUpstreamFetch}. */
export interface UpstreamPoolOptions {
  /**
   * The most connections open to Credyt at once from this process. Requests beyond it wait for a free
   * connection instead of opening more (with 10,000 streams polling, one instance otherwise held about 2,000).
   * @default 50
   */
  connections?: number;
  /** Milliseconds an idle connection stays open for reuse. @default 30000 */
  keepAliveTimeoutMs?: number;
}

/** What the proxy's upstream calls read from an answer: a `Response`'s status, headers and text. */
class PooledResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = "basic";
  readonly statusText = "";
  readonly body = null;
  readonly bodyUsed = true;
  constructor(
    readonly status: number,
    /** Names and values as undici hands them: `[name, value, name, value…]`, names in any case. */
    private readonly raw: readonly (Buffer | string)[] | Record<string, string | string[] | undefined>,
    private readonly bodyText: string,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status <= 299;
  }
  /** A `Headers` only when asked for as a whole; `get` scans the raw headers (the proxy reads one: Retry-After). */
  get headers(): Pick<Headers, "get" | "has"> {
    const raw = this.raw;
    const get = (name: string): string | null => {
      const wanted = name.toLowerCase();
      if (!Array.isArray(raw)) {
        const value = (raw as Record<string, string | string[] | undefined>)[wanted];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      }
      let found: string | null = null;
      for (let i = 0; i + 1 < raw.length; i += 2) {
        if (String(raw[i]).toLowerCase() !== wanted) continue;
        const value = String(raw[i + 1]);
        found = found === null ? value : `${found}, ${value}`;
      }
      return found;
    };
    return { get, has: (name: string) => get(name) !== null };
  }
  text(): Promise<string> {
    return Promise.resolve(this.bodyText);
  }
  json(): Promise<unknown> {
    return Promise.resolve().then(() => JSON.parse(this.bodyText) as unknown);
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new TextEncoder().encode(this.bodyText);
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
}

/**
 * One call through undici's dispatcher API: the answer's bytes are gathered as they come and decoded once,
 * with no body stream, no signal and no timer of ours (undici's own `headersTimeout`/`bodyTimeout`, which
 * it arms for every request anyway, bound the call).
 */
function dispatchText(
  agent: Agent,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | null,
  timeoutMs: number,
): Promise<{ status: number; raw: (Buffer | string)[]; text: string }> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let raw: (Buffer | string)[] = [];
    const chunks: Buffer[] = [];
    const queuedAt = Date.now();
    agent.dispatch(
      {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: method as "GET",
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
      {
        // Sent only now that a connection is free: a call that waited for one past the timeout is not sent.
        onConnect(abort: (error: Error) => void) {
          if (Date.now() - queuedAt > timeoutMs)
            abort(
              Object.assign(new Error("no free connection to Credyt in time"), { code: "UND_ERR_HEADERS_TIMEOUT" }),
            );
        },
        onHeaders(statusCode: number, rawHeaders: Buffer[]) {
          status = statusCode;
          raw = rawHeaders;
          return true;
        },
        onData(chunk: Buffer) {
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          const text =
            chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8");
          resolve({ status, raw, text });
        },
        onError(error: Error) {
          reject(error);
        },
      } as unknown as Parameters<Agent["dispatch"]>[1],
    );
  });
}

function outgoingHeaders(init: HeadersInit | undefined): Record<string, string> {
  if (init === undefined) return {};
  if (init instanceof Headers || Array.isArray(init)) return Object.fromEntries(init as Iterable<[string, string]>);
  return init as Record<string, string>;
}

/**
 * A `fetch` for the proxy's calls to Credyt on Node: undici's `request` through one keep-alive `Agent` with at
 * most `connections` sockets per origin. It skips what Node's global `fetch` builds for every call (a
 * `Request`, web streams for the body, the Fetch spec's response filtering), which was most of the proxy's
 * per-request cost. It serves what the proxy sends (GET or POST, string bodies, `redirect: "manual"`, an
 * `AbortSignal`) and answers with a `Response`-shaped object whose body is already read (text, json,
 * arrayBuffer, `headers.get`); it is not a general-purpose `fetch`. Pass your own `fetch` option to bypass it.
 */
export function createUpstreamFetch(options: UpstreamPoolOptions = {}): typeof fetch & { close(): Promise<void> } {
  const connections = options.connections ?? 50;
  if (!Number.isInteger(connections) || connections < 1)
    throw new TypeError(`upstream pool: \`connections\` must be a positive integer, got ${String(connections)}.`);
  const agent = new Agent({
    connections,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    // One request at a time per connection: Credyt is not known to support HTTP pipelining.
    pipelining: 1,
  });
  async function upstreamFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? "GET").toUpperCase();
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== "string")
      throw new TypeError("upstream pool: only string bodies are sent to Credyt.");
    try {
      const timeoutMs = (init as { [UPSTREAM_TIMEOUT_MS]?: number } | undefined)?.[UPSTREAM_TIMEOUT_MS];
      if (!init?.signal) {
        // The proxy's path: its timeout is undici's (given per call, or the pool's 300 s defaults for others).
        const answer = await dispatchText(
          agent,
          new URL(url),
          method,
          outgoingHeaders(init?.headers),
          body ?? null,
          timeoutMs ?? 300_000,
        );
        return new PooledResponse(answer.status, answer.raw, answer.text, url) as unknown as Response;
      }
      // With a signal (a caller's own), undici's `request` stops the call when it aborts.
      const answer = await request(url, {
        dispatcher: agent,
        method: method as "GET",
        headers: outgoingHeaders(init.headers),
        body: body ?? null,
        signal: init.signal,
      });
      const text = await answer.body.text();
      return new PooledResponse(answer.statusCode, answer.headers, text, url) as unknown as Response;
    } catch (error) {
      // As fetch reports it: a TypeError whose cause carries the socket's code (ECONNREFUSED, ECONNRESET…,
      // UND_ERR_HEADERS_TIMEOUT when the timeout passed), which the proxy reads to tell a request never sent
      // from one that may have been applied, and a timeout from a failure.
      throw new TypeError("fetch failed", { cause: error });
    }
  }
  return Object.assign(upstreamFetch as typeof fetch, { close: () => agent.close(), [UPSTREAM_TIMEOUT_MS]: true });
}
