/** Prefix of every cache key the Credyt hooks use, so an app's own SWR keys never collide with ours. */
export const CACHE_PREFIX = "@credyt";

/**
 * The SWR cache keys of the Credyt hooks. Use them with SWR's `mutate` to refresh balances
 * after your own server changed them.
 *
 * @example
 * import { mutate } from "swr";
 * mutate(credytKeys.wallet("/api/credyt"));
 */
export const credytKeys = {
  /** Every Credyt key for one proxy (for `mutate(isCredytKey)`). */
  all: (baseUrl: string) => [CACHE_PREFIX, baseUrl] as const,
  /** The wallet (`useWallet`, `useAccount` and `<WalletBalance>` all read it). */
  wallet: (baseUrl: string) => [CACHE_PREFIX, baseUrl, "wallet"] as const,
};

/** True for any cache key made by {@link credytKeys}; pass it to SWR's `mutate` to refresh everything. */
export function isCredytKey(key: unknown): boolean {
  return Array.isArray(key) && key[0] === CACHE_PREFIX;
}
