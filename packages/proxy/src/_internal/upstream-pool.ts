import { Agent, request } from "undici";

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
  private readonly raw: Record<string, string | string[] | undefined>;
  constructor(
    readonly status: number,
    rawHeaders: Record<string, string | string[] | undefined>,
    private readonly bodyText: string,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status <= 299;
    this.raw = rawHeaders;
  }
  /** A `Headers` only when asked for as a whole; `get` reads the raw (lower-cased) headers directly. */
  get headers(): Pick<Headers, "get" | "has"> {
    const raw = this.raw;
    return {
      get: (name: string) => {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
      has: (name: string) => raw[name.toLowerCase()] !== undefined,
    };
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
      const answer = await request(url, {
        dispatcher: agent,
        method: method as "GET",
        headers: outgoingHeaders(init?.headers),
        body: body ?? null,
        // No signal object when none is given; with one, undici stops the request when it aborts.
        // The proxy's own timer (its AbortSignal) bounds the call; undici's defaults (300 s) never come first.
        ...(init?.signal ? { signal: init.signal } : {}),
      });
      const text = await answer.body.text();
      return new PooledResponse(answer.statusCode, answer.headers, text, url) as unknown as Response;
    } catch (error) {
      // As fetch reports it: a TypeError whose cause carries the socket's code (ECONNREFUSED, ECONNRESET…),
      // which the proxy reads to tell a request never sent from one that may have been applied.
      throw new TypeError("fetch failed", { cause: error });
    }
  }
  return Object.assign(upstreamFetch as typeof fetch, { close: () => agent.close() });
}
