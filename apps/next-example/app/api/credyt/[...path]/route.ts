import { createCredytProxy, type NextRouteHandlers } from "@credyt/proxy/next";
import { credytAccess, currentCustomerId } from "@/lib/credyt";

// Usually `export const { GET, POST } = createCredytProxy({ … })`. It is created on the first request
// here instead, so `next build` works without the API key in the build environment.
let handlers: NextRouteHandlers | undefined;
function proxy(): NextRouteHandlers {
  handlers ??= createCredytProxy({
    ...credytAccess(),
    getCustomerId: () => currentCustomerId(),
    returnUrl: "/",
    topUps: { currencies: ["USD"], min: 5, max: 500 },
  });
  return handlers;
}

/**
 * `next start -H 127.0.0.1` hands route handlers a `request.url` on `localhost`, not on the host the
 * browser used. The proxy compares the browser's `Origin` with that URL (403 on mismatch) and builds
 * return URLs from it, so put the request back on the host the browser asked for.
 */
function onBrowserHost(request: Request): Request {
  const host = request.headers.get("host");
  const url = new URL(request.url);
  if (!host || host === url.host) return request;
  url.host = host;
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    duplex: "half",
  };
  return new Request(url, init);
}

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return proxy().GET(onBrowserHost(request));
}

export function POST(request: Request): Promise<Response> {
  return proxy().POST(onBrowserHost(request));
}
