/**
 * @module @credyt/proxy/hono
 * The Credyt instance as a Hono handler: `app.all("/api/credyt/*", toHonoHandler(credyt))`.
 */
import type { Context } from "hono";
import { createCredytProxy as createFetchProxy } from "./_internal/create-credyt-proxy";
import type { Credyt, CredytProxyLive, CredytProxyOptions } from "./_internal/types";

export * from "./_internal/common";

/** What `identify` receives from the Hono adapter: the request and Hono's `Context` (`c.get("user")`). */
export interface HonoContext<C extends Context = Context> {
  /** The request as the Fetch core sees it (its body rebuilt if a middleware read it). */
  request: Request;
  /** Hono's `Context`: `c.get("user")`, `c.env`, and the rest. */
  c: C;
}

/** Hono's request as a Fetch `Request`, its body rebuilt when a middleware already read it. */
async function requestOf(c: Context): Promise<Request> {
  const raw = c.req.raw;
  if (!raw.bodyUsed) return raw;
  // A middleware that ran `c.req.json()` used up the raw body; Hono keeps a copy to rebuild it from.
  return new Request(raw.url, { method: raw.method, headers: raw.headers, body: await c.req.arrayBuffer() });
}

/** The path inside the route: what `*` matched of `app.all("/api/credyt/*", …)`. */
function innerPath(c: Context): string | undefined {
  const pattern = c.req.routePath;
  if (!pattern.endsWith("/*")) return undefined;
  const prefix = pattern.slice(0, -2);
  const path = c.req.path;
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined;
}

/**
 * Mounts a Credyt instance in Hono; the prefix is the route's own (`/api/credyt/*`), so the instance
 * needs no `basePath`. `identify` receives `{ request, c }`.
 *
 * @example
 * import { Hono } from "hono";
 * import { createCredyt } from "@credyt/proxy";
 * import { type HonoContext, toHonoHandler } from "@credyt/proxy/hono";
 *
 * const credyt = createCredyt<HonoContext>({
 *   apiKey: env.CREDYT_API_KEY,
 *   origin: "https://app.example.com",
 *   identify: ({ c }) => { const user = c.get("user"); return user ? { externalId: user.id } : null; },
 * });
 * const app = new Hono();
 * app.all("/api/credyt/*", toHonoHandler(credyt));
 */
export function toHonoHandler<C extends Context = Context>(
  credyt: Credyt<HonoContext<C>>,
): (c: C) => Promise<Response> {
  return async (c) => {
    const request = await requestOf(c);
    const path = innerPath(c);
    return credyt.handle(request, path === undefined ? { ctx: { request, c } } : { ctx: { request, c }, path });
  };
}

/**
 * The one-call form kept from 0.1, `getCustomerId` receiving Hono's `Context`. New code: `createCredyt`
 * once, then `toHonoHandler(credyt)`.
 */
export function createCredytProxy<C extends Context = Context>(
  options: CredytProxyOptions<C>,
): ((c: C) => Promise<Response>) & CredytProxyLive {
  const handler = createFetchProxy<C>(options);
  const handle = async (c: C) => handler(await requestOf(c), c);
  return Object.assign(handle, { notify: handler.notify, streamStats: handler.streamStats });
}
