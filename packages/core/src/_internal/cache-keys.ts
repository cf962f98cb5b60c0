/** Prefix of every cache key the Credyt hooks use, so an app's own SWR keys never collide with ours. */
export const CACHE_PREFIX = "@credyt";

/**
 * The SWR cache keys of the Credyt hooks (`@credyt/react`'s `useWallet`, `useAccount` and
 * `<WalletBalance>` are `useSWR` on `credytKeys.wallet(baseUrl)`, exactly). Use them with SWR's
 * `mutate` to refresh balances after your own server changed them. The keys carry no customer id:
 * one `mutate` hits every balance of that proxy, and `CredytProvider`'s `customer` prop clears them
 * when the signed-in customer changes. A provider with `cache="isolated"` keeps its entries in a
 * cache of its own, which SWR's global `mutate` does not reach: use `mutateCredyt` from
 * `@credyt/react` there.
 *
 * @example
 * import { mutate } from "swr";
 * await mutate(credytKeys.wallet("/api/credyt")); // every Credyt balance of this proxy
 * await mutate(isCredytKey); // every Credyt key, whatever the proxy
 */
export const credytKeys = {
  /** Every Credyt key for one proxy (for `mutate(isCredytKey)`). */
  all: (baseUrl: string) => [CACHE_PREFIX, baseUrl] as const,
  /** The wallet (`useWallet`, `useAccount` and `<WalletBalance>` all read it). */
  wallet: (baseUrl: string) => [CACHE_PREFIX, baseUrl, "wallet"] as const,
  /** One page of `useUsage` (`cursor` `null` for the first); `mutate` a `useUsage()` result to refresh every page. */
  usagePage: (baseUrl: string, limit: number, cursor: string | null) =>
    [CACHE_PREFIX, baseUrl, "usage", limit, cursor] as const,
  /** This month's spend in time zone `tz` (`useUsageSummary`, `<SpendSummary>`, `<SpendChart>`). */
  usageSummary: (baseUrl: string, tz: string) => [CACHE_PREFIX, baseUrl, "usage-summary", tz] as const,
  /** What a top-up of `amount` `currency` credits in `asset` (`useQuote`). */
  quote: (baseUrl: string, asset: string, currency: string, amount: number) =>
    [CACHE_PREFIX, baseUrl, "quote", asset, currency, amount] as const,
};

/**
 * True for any cache key made by {@link credytKeys}; pass it to SWR's `mutate` (its filter form,
 * `mutate(isCredytKey)`) to refresh everything Credyt in the cache.
 */
export function isCredytKey(key: unknown): boolean {
  return Array.isArray(key) && key[0] === CACHE_PREFIX;
}
