/**
 * @module @credyt/proxy/next
 * The Credyt proxy for the Next.js App Router: `export const { GET, POST } = createCredytProxy(…)`
 * in `app/api/credyt/[...path]/route.ts`.
 */
import { createCredytProxy as createFetchProxy } from "./create-credyt-proxy";
import type { CredytProxyOptions, FetchContext } from "./types";

export * from "./common";

/** Route handlers of an App Router catch-all route. */
export interface NextRouteHandlers {
  GET: (request: Request) => Promise<Response>;
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
  const handle = (request: Request) => handler(request, { request });
  return { GET: handle, POST: handle };
}
