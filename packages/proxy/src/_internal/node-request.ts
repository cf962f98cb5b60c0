import type { IncomingMessage, ServerResponse } from "node:http";
import { HOST_PATTERN } from "./patterns";
import { bodyTextOf, internalError, jsonHeaders, requestIdOf, storedError } from "./respond";

/** What Express and Connect add to Node's request; all optional so plain node:http works too. */
export type NodeRequest = IncomingMessage & {
  originalUrl?: string;
  baseUrl?: string;
  body?: unknown;
  protocol?: string;
  _body?: boolean;
};

function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * The URL the Fetch core sees. When mounted (`app.use("/billing", proxy)`), the mount path stands in
 * for `basePath`; otherwise `originalUrl` (or `url`) is used as is. `null` when outside `basePath`.
 */
export function fetchUrl(req: NodeRequest, basePath: string): string | null {
  const current = req.url ?? "/";
  const original = req.originalUrl ?? current;
  const currentPath = pathOf(current);
  const originalPath = pathOf(original);
  const query = current.slice(currentPath.length);
  const mount =
    typeof req.baseUrl === "string"
      ? req.baseUrl
      : original !== current && originalPath.endsWith(currentPath)
        ? originalPath.slice(0, originalPath.length - currentPath.length)
        : "";
  let path: string;
  if (mount !== "" && original !== current) {
    path = `${basePath}${currentPath === "/" ? "" : currentPath}`;
  } else {
    if (originalPath !== basePath && !originalPath.startsWith(`${basePath}/`)) return null;
    path = originalPath;
  }
  const host = req.headers.host !== undefined && HOST_PATTERN.test(req.headers.host) ? req.headers.host : "localhost";
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const protocol = req.protocol === "https" || req.protocol === "http" ? req.protocol : encrypted ? "https" : "http";
  return `${protocol}://${host}${path}${query}`;
}

/**
 * Node's headers as a plain record for `new Request`: one pass, no `Headers#set` per header (its
 * validation is the adapter's main cost on the hot GET path). HTTP/2 pseudo-headers are dropped.
 */
function headerRecord(incoming: IncomingMessage["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || name.charCodeAt(0) === 58 /* ":" */) continue;
    record[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return record;
}

/**
 * The Node response of each live stream request the adapter made: the stream writes its events to it
 * directly (no web stream, no signal, no reader loop per connection). Weak: nothing is held past the request.
 */
const nodeStreams = new WeakMap<Request, ServerResponse>();

/** The Node response to write a live stream to, when the Node adapter made `request`. */
export function nodeResponseOf(request: Request): ServerResponse | undefined {
  return nodeStreams.get(request);
}

/**
 * Set on a stream answer written straight to Node's response (see {@link nodeResponseOf}): the adapter
 * writes the head, then calls `start()`, which writes what was queued and lets events flow.
 */
export const DIRECT_STREAM: unique symbol = Symbol("credyt.direct-stream") as never;
export type DirectStreamResponse = Response & { [DIRECT_STREAM]?: { start(): void } };

/**
 * The request body as a web stream, pulled chunk by chunk (Node pauses the socket in between). Built
 * here rather than with `node:stream`'s `Readable.toWeb`, so the Fetch entry, which holds `credyt.node()`,
 * imports nothing a Worker lacks.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === "string" ? new TextEncoder().encode(value) : new Uint8Array(value));
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

/** Converts a Node request to a Fetch `Request`, using `req.body` when a body parser already read it. */
export function toFetchRequest(req: NodeRequest, url: string, res?: ServerResponse): Request {
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") {
    const request = new Request(url, { method, headers: headerRecord(req.headers) });
    // A live stream is written to `res` directly and watches it close; no other GET needs either.
    if (res && pathOf(url).endsWith("/stream")) nodeStreams.set(request, res);
    return request;
  }
  const headers = new Headers(headerRecord(req.headers));

  const consumed = req.readableEnded || req._body === true;
  if (consumed && req.body !== undefined) {
    // express.json() and friends already read the stream: rebuild the body from what they parsed.
    const body =
      typeof req.body === "string"
        ? req.body
        : req.body instanceof Uint8Array
          ? new Uint8Array(req.body)
          : JSON.stringify(req.body);
    headers.delete("content-length");
    return new Request(url, { method, headers, body });
  }
  const stream = bodyStream(req);
  return new Request(url, { method, headers, body: stream, duplex: "half" } as RequestInit);
}

/** Resolves once the socket took what was written (`drain`), or the client went away (`close`). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}

/**
 * Writes an event stream as it comes, each event flushed at once; stops reading when the client leaves.
 * Honours backpressure: while the socket is full, nothing more is read from the stream, so what a client
 * does not read stays queued in the stream, where the proxy counts it and drops the stream past its bound.
 * A dropped stream (an error) ends the connection at once, so its slot is free for the reconnect.
 */
function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

async function writeStream(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, headersOf(response));
  res.flushHeaders();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const stop = () => {
    reader.cancel().catch(() => {});
  };
  res.once("close", stop);
  // Dropped while this loop waits for `drain` (the client is not reading, so none comes): close now.
  reader.closed.catch(() => res.destroy());
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      const flowing = res.write(value);
      // `compression()` (Express) holds writes back until it has enough to compress; it adds `flush`.
      (res as ServerResponse & { flush?: () => void }).flush?.();
      if (!flowing && !res.destroyed) await drained(res);
    }
  } catch {
    // The proxy dropped the stream (the client stopped reading): close the connection, unread bytes and all.
    res.destroy();
  } finally {
    res.off("close", stop);
    if (!res.writableEnded && !res.destroyed) res.end();
  }
}

/** Writes a Fetch `Response` to Node's response, headers in one `writeHead` (event streams as they come). */
export async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const direct = (response as DirectStreamResponse)[DIRECT_STREAM];
  if (direct) {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(response.status, headersOf(response));
    res.flushHeaders();
    direct.start();
    return;
  }
  if (response.body && response.headers.get("content-type")?.startsWith("text/event-stream")) {
    return res.headersSent ? undefined : writeStream(response, res);
  }
  // An answer the proxy made from text is written from that text: its stream is never read.
  const body = bodyTextOf(response) ?? (await response.text());
  if (res.headersSent) return;
  const headers: Record<string, string | number> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers["content-length"] = Buffer.byteLength(body);
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Answers a failure outside the Fetch core (a body the app's parser left unreadable, a response that
 * could not be written) with the protocol's internal error, when nothing was sent yet.
 */
export function writeInternalError(req: IncomingMessage, res: ServerResponse, cause: unknown): void {
  if (res.headersSent) return;
  const { status, headers, body } = storedError(internalError(cause));
  res.writeHead(status, jsonHeaders(requestIdOf(req.headers["x-request-id"]), headers));
  res.end(body);
}
