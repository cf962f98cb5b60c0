import type { CredytError, Wallet } from "@credyt/core";
import useSWR, { type SWRConfiguration, type SWRResponse } from "swr";
import { useCredytContext } from "./_internal/context";

/** What the data hooks return: SWR's own response, with errors typed as `CredytError`. */
export type CredytResponse<T> = SWRResponse<T, CredytError>;

/** SWR options a data hook takes as its last argument (they win over `<SWRConfig>` and ours). */
export type CredytSWROptions = SWRConfiguration<Wallet, CredytError>;

/**
 * The customer's wallet (every account): `useSWR` on `credytKeys.wallet(baseUrl)`. Every
 * `useWallet`, `useAccount` and `<WalletBalance>` share one request; it revalidates on mount,
 * window focus and reconnect, retries failures with backoff, and keeps the old object when a
 * revalidation returns equal data (SWR's `compare`), so nothing re-renders. SWR options go last
 * (`{ suspense: true }`, `{ refreshInterval: 30_000 }`).
 *
 * @example
 * const { data, error, isLoading, mutate } = useWallet();
 * // after your server changed a balance:
 * await mutate();
 */
export function useWallet(options: CredytSWROptions & { suspense: true }): CredytResponse<Wallet> & { data: Wallet };
export function useWallet(options?: CredytSWROptions): CredytResponse<Wallet>;
export function useWallet(options?: CredytSWROptions): CredytResponse<Wallet> {
  const { walletKey, fetchWallet, walletConfig } = useCredytContext("useWallet");
  return useSWR<Wallet, CredytError>(walletKey, fetchWallet, options ? { ...walletConfig, ...options } : walletConfig);
}
