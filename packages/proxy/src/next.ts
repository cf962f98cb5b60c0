/**
 * @module @credyt/proxy/next
 * The Credyt instance as Next.js App Router route handlers:
 * `export const { GET, POST } = toNextRoute(credyt)` in `app/api/credyt/[...path]/route.ts`.
 */
import { createCredytProxy as createFetchProxy } from "./_internal/create-credyt-proxy";
import type { Credyt, CredytProxyLive, CredytProxyOptions, FetchContext } from "./_internal/types";

export * from "./_internal/common";

/** What Next passes a route handler besides the request: the route's params (a promise since Next 15). */
export interface NextRouteContext {
  /** The route's params; the catch-all's segments (`[...path]`, whatever its name) give the path. */
  params?: Promise<Record<string, string | string[] | undefined>> | Record<string, string | string[] | undefined>;
}

/** Route handlers of an App Router catch-all route. */
export interface NextRouteHandlers {
  /** Serves `GET /config`, `/wallet`, `/wallet/stream`, `/wallet/{accountId}`, `/usage`, `/usage/summary`, `/quote`. */
  GET: (request: Request, context?: NextRouteContext) => Promise<Response>;
  /** Serves `POST /top-ups` and `POST /billing-portal/sessions`. */
  POST: (request: Request, context?: NextRouteContext) => Promise<Response>;
}

/** The catch-all segments of the route (`[...path]`, whatever its name), or undefined without one. */
async function catchAll(context: NextRouteContext | undefined): Promise<string[] | undefined> {
  const params = await context?.params;
  if (!params) return undefined;
  for (const value of Object.values(params)) if (Array.isArray(value)) return value;
  return undefined;
}

/**
 * Mounts a Credyt instance as App Router route handlers. The prefix comes from the route itself (the
 * `[...path]` segments), so the instance needs no `basePath`. `identify` receives `{ request }`.
 *
 * @example
 * // app/api/credyt/[...path]/route.ts
 * import { toNextRoute } from "@credyt/proxy/next";
 * import { credyt } from "@/lib/credyt"; // createCredyt({ … }) once
 *
 * export const { GET, POST } = toNextRoute(credyt);
 */
export function toNextRoute(credyt: Credyt<FetchContext>): NextRouteHandlers {
  const handle = async (request: Request, context?: NextRouteContext) => {
    const path = await catchAll(context);
    return credyt.handle(request, path === undefined ? { ctx: { request } } : { ctx: { request }, path });
  };
  return { GET: handle, POST: handle };
}

/**
 * The one-call form kept from 0.1: `export const { GET, POST } = createCredytProxy({ … })`, with
 * `notify` and `streamStats`. New code: `createCredyt` once, then `toNextRoute(credyt)`.
 */
export function createCredytProxy(options: CredytProxyOptions<FetchContext>): NextRouteHandlers & CredytProxyLive {
  const handler = createFetchProxy<FetchContext>(options);
  const handle = (request: Request) => handler(request, { request });
  return { GET: handle, POST: handle, notify: handler.notify, streamStats: handler.streamStats };
}
