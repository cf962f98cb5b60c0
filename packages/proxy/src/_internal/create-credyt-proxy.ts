import { createInstance } from "./create-credyt";
import type { CredytProxyHandler, CredytProxyOptions, FetchContext } from "./types";

/**
 * The one-handler form of {@link createCredyt} kept from 0.1: a Fetch handler `(request, ctx?) =>
 * response` under `basePath` with `notify` and `streamStats`, taking `getCustomerId` and the older
 * option names (`publicOrigin`, `idempotencyStore`, `getRateLimit`). Its streams are reached by its own
 * `notify`, or by `createCredytApi({ proxy })`. New code: `createCredyt`.
 *
 * @example
 * import { createCredytProxy } from "@credyt/proxy";
 *
 * const credyt = createCredytProxy({
 *   apiKey: process.env.CREDYT_API_KEY!,
 *   origin: "https://app.example.com",
 *   getCustomerId: async ({ request }) => (await getSession(request))?.credytCustomerId ?? null,
 * });
 * Bun.serve({ fetch: (request) => credyt(request) });
 */
export function createCredytProxy<Ctx = FetchContext>(options: CredytProxyOptions<Ctx>): CredytProxyHandler<Ctx> {
  const instance = createInstance<Ctx>(options, "createCredytProxy", true);
  return Object.assign((request: Request, ctx?: Ctx) => instance.fetch(request, ctx), {
    notify: (customerId: string) => instance.notify(customerId),
    streamStats: () => instance.streamStats(),
  });
}
