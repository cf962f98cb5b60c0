/**
 * @module @credyt/proxy/next
 * The Credyt proxy for the Next.js App Router: `export const { GET, POST } = createCredytProxy(…)`
 * in `app/api/credyt/[...path]/route.ts`.
 */
import { createCredytProxy as createFetchProxy } from "./_internal/create-credyt-proxy";
import type { CredytProxyLive, CredytProxyOptions, FetchContext } from "./_internal/types";

export * from "./_internal/common";

/** Route handlers of an App Router catch-all route. */
export interface NextRouteHandlers extends CredytProxyLive {
  /** Serves `GET /wallet`, `GET /wallet/stream` and `GET /wallet/{accountId}`. */
  GET: (request: Request) => Promise<Response>;
  /** Serves `POST /top-ups` and `POST /billing-portal/sessions`. */
  POST: (request: Request) => Promise<Response>;
}

/**
 * Creates the Credyt proxy as App Router route handlers; `getCustomerId` receives `{ request }`.
 *
 * @example
 * // app/api/credyt/[...path]/route.ts
 * import { createCredytProxy } from "@credyt/proxy/next";
 * export const { GET, POST } = createCredytProxy({
 *   apiKey: process.env.CREDYT_API_KEY!,
 *   getCustomerId: async () => (await auth())?.user.credytCustomerId ?? null,
 * });
 */
export function createCredytProxy(options: CredytProxyOptions<FetchContext>): NextRouteHandlers {
  const handler = createFetchProxy<FetchContext>(options);
  const handle = (request: Request) => handler(onBrowserHost(request), { request });
  return { GET: handle, POST: handle, notify: handler.notify, streamStats: handler.streamStats };
}

/**
 * Next.js hands route handlers a URL on the host it listens on (`localhost`), not the one the browser
 * used (`127.0.0.1`, a LAN name…). The proxy's same-origin checks and return URLs need the browser's,
 * which the `Host` header carries (a cross-site page cannot change it).
 */
function onBrowserHost(request: Request): Request {
  const host = request.headers.get("host");
  const url = new URL(request.url);
  if (!host || host === url.host) return request;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.slice(0, -1);
  let rebuilt: URL;
  try {
    rebuilt = new URL(`${url.pathname}${url.search}`, `${proto}://${host}`);
  } catch {
    return request; // a malformed Host header: keep Next's URL, the checks then fail closed
  }
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
  };
  if (request.body) init.duplex = "half";
  return new Request(rebuilt, init);
}
