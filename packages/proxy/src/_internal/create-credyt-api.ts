import { accountFromWire, portalSessionFromWire, topUpFromWire, walletFromWire } from "@credyt/core";
import { checkMilliseconds, DEFAULT_BREAKER, DEFAULT_TIMEOUT_MS, resolveApiAccess } from "./config";
import { optionFailure } from "./config-checks";
import type { CredytApi } from "./credyt-api-types";
import { endpoints } from "./endpoints";
import type { WalletFanout } from "./fanout";
import { UpstreamGuard } from "./guard";
import { CUSTOMER_ID_PATTERN } from "./patterns";

export type { CredytApi } from "./credyt-api-types";

/** Options of {@link createCredytApi}. */
export interface CredytApiOptions {
  /** Your secret Credyt API key (`key_…`). */
  apiKey: string;
  /** Credyt's API; point it at the emulator in development and CI. @default "https://api.credyt.ai" */
  apiUrl?: string;
  /** The `fetch` used to call Credyt (tests, emulator, custom agents). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Time allowed per call before it fails with `upstream_timeout`. @default 10000 */
  timeoutMs?: number;
  /**
   * The live streams' fan-out (`createRedisWalletFanout`), so `notify()` reaches streams held by every
   * proxy instance subscribed to it.
   */
  fanout?: WalletFanout;
  /**
   * The proxy whose streams `notify()` reaches: your `createCredyt` instance (or a `createCredytProxy`
   * handler). Simpler still: call `credyt.notify(customer)` on the instance itself.
   */
  proxy?: { notify(customerId: string): Promise<void> };
}

/**
 * Creates the typed Credyt client the proxy uses; call it from server code too, for example to
 * prefetch a wallet for server rendering. GETs are retried up to twice on 5xx, within a retry budget,
 * and a circuit breaker stops calls for 5 s after 5 failures in a row; POSTs are never retried.
 *
 * @example
 * const credyt = createCredytApi({ apiKey: process.env.CREDYT_API_KEY! });
 * const wallet = await credyt.getWallet(customerId); // { accounts: [{ id: "default:USD", available: 14.566678, pendingIn: 0, … }] }
 * // <CredytProvider initialWallet={wallet}> renders it with no loading flash.
 */
export function createCredytApi(options: CredytApiOptions): CredytApi {
  const { apiKey, apiUrl } = resolveApiAccess(options ?? {}, "createCredytApi");
  const fail = optionFailure("createCredytApi");
  const timeoutMs = checkMilliseconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs", fail);
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("`fetch` must be a function.");
  // The proxy's protection too: concurrent identical reads share a call, retries stay within budget,
  // and repeated failures open the breaker, so server rendering during an outage does not multiply load.
  const api = endpoints({ apiKey, apiUrl, timeoutMs, fetch: options.fetch, guard: new UpstreamGuard(DEFAULT_BREAKER) });
  const fanout = options.fanout;
  if (fanout !== undefined && (typeof fanout !== "object" || fanout === null || typeof fanout.publish !== "function"))
    fail("`fanout` must be a wallet fan-out such as createRedisWalletFanout({ … }).");
  const proxy = options.proxy;
  if (
    proxy !== undefined &&
    ((typeof proxy !== "object" && typeof proxy !== "function") || proxy === null || typeof proxy.notify !== "function")
  )
    fail("`proxy` must be your createCredyt instance (anything with `notify(customerId)`).");
  return {
    async notify(customerId) {
      if (typeof customerId !== "string" || !CUSTOMER_ID_PATTERN.test(customerId)) {
        throw new TypeError(
          `createCredytApi: notify(customerId) expected a Credyt customer id such as "cust_…", got ${JSON.stringify(customerId)}.`,
        );
      }
      if (!proxy && !fanout) {
        // There is no process-global registry of proxies any more: say how to reach one.
        throw new TypeError(
          "createCredytApi: notify() reaches no proxy. Call `credyt.notify(customer)` on your createCredyt instance, or pass `proxy: credyt` (or `fanout`) to createCredytApi.",
        );
      }
      if (proxy) await proxy.notify(customerId);
      if (fanout) {
        const { text } = await api.getWallet(customerId);
        await fanout.publish(customerId, text);
      }
    },
    // The checked wire JSON, mapped by core's own mappers: the proxy's handlers keep forwarding the exact
    // wire text, while server code gets what the browser's hooks hold.
    getWallet: async (customerId) => walletFromWire((await api.getWallet(customerId)).json),
    getAccount: async (customerId, accountId) => accountFromWire((await api.getAccount(customerId, accountId)).json),
    createTopUp: async (body) => topUpFromWire((await api.createTopUp(body)).json),
    createBillingPortalSession: async (body) =>
      portalSessionFromWire((await api.createBillingPortalSession(body)).json),
  };
}
