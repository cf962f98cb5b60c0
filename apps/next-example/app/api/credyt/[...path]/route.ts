import { createCredytProxy, type NextRouteHandlers } from "@credyt/proxy/next";
import { credytAccess, currentCustomerId } from "@/lib/credyt";

// Usually `export const { GET, POST } = createCredytProxy({ … })`. It is created on the first request
// here instead, so `next build` works without the API key in the build environment.
let handlers: NextRouteHandlers | undefined;
function proxy(): NextRouteHandlers {
  handlers ??= createCredytProxy({
    ...credytAccess(),
    getCustomerId: () => currentCustomerId(),
    // Required in production: "this site" is configuration, never the request's Host header.
    publicOrigin: process.env.PUBLIC_ORIGIN,
    returnUrl: "/",
    topUps: { currencies: ["USD"], min: 5, max: 500 },
  });
  return handlers;
}

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return proxy().GET(request);
}

export function POST(request: Request): Promise<Response> {
  return proxy().POST(request);
}
