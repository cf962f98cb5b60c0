/**
 * @module @credyt/proxy/hono
 * The Credyt proxy for Hono: `app.all("/api/credyt/*", createCredytProxy(…))`.
 */
import type { Context } from "hono";
import { createCredytProxy as createFetchProxy } from "./_internal/create-credyt-proxy";
import type { CredytProxyLive, CredytProxyOptions } from "./_internal/types";

export * from "./_internal/common";

/**
 * Creates the Credyt proxy as a Hono handler; `getCustomerId` receives Hono's `Context`.
 *
 * @example
 * import { Hono } from "hono";
 * import { createCredytProxy } from "@credyt/proxy/hono";
 *
 * const app = new Hono();
 * app.all("/api/credyt/*", createCredytProxy({ apiKey: env.CREDYT_API_KEY, getCustomerId: (c) => c.get("customerId") ?? null }));
 */
export function createCredytProxy<C extends Context = Context>(
  options: CredytProxyOptions<C>,
): ((c: C) => Promise<Response>) & CredytProxyLive {
  const handler = createFetchProxy<C>(options);
  const handle = async (c: C) => {
    // A middleware that ran `c.req.json()` used up the raw body; Hono keeps a copy to rebuild it from.
    const request = c.req.raw.bodyUsed
      ? new Request(c.req.raw.url, { method: c.req.method, headers: c.req.raw.headers, body: await c.req.text() })
      : c.req.raw;
    return handler(request, c);
  };
  return Object.assign(handle, { notify: handler.notify, streamStats: handler.streamStats });
}
