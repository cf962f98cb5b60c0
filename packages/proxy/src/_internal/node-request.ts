import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/** What Express and Connect add to Node's request; all optional so plain node:http works too. */
export type NodeRequest = IncomingMessage & {
  originalUrl?: string;
  baseUrl?: string;
  body?: unknown;
  protocol?: string;
  _body?: boolean;
};

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

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
  const host = req.headers.host !== undefined && HOST.test(req.headers.host) ? req.headers.host : "localhost";
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const protocol = req.protocol === "https" || req.protocol === "http" ? req.protocol : encrypted ? "https" : "http";
  return `${protocol}://${host}${path}${query}`;
}

/** Converts a Node request to a Fetch `Request`, using `req.body` when a body parser already read it. */
export function toFetchRequest(req: NodeRequest, url: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });

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
  const stream = Readable.toWeb(req) as ReadableStream<Uint8Array>;
  return new Request(url, { method, headers, body: stream, duplex: "half" } as RequestInit);
}

/** Writes a Fetch `Response` to Node's response. */
export async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const body = await response.text();
  if (res.headersSent) return;
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}
