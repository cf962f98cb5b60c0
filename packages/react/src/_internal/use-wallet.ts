import type { CredytError, Wallet } from "@credyt/core";
import useSWR, { type SWRConfiguration, type SWRResponse } from "swr";
import { useCredytContext } from "./context";
import { useLive } from "./live-demand";

/** What the data hooks return: SWR's own response, with errors typed as `CredytError`. */
export type CredytResponse<T> = SWRResponse<T, CredytError>;

/** SWR options a data hook takes as its last argument (they win over `<SWRConfig>` and ours). */
export type CredytSWROptions = SWRConfiguration<Wallet, CredytError>;

/** Options of the wallet hooks: SWR's, plus `live`. */
export interface UseWalletOptions extends CredytSWROptions {
  /**
   * Follow the proxy's live stream so the balance moves as usage is billed (see `useWalletStream`).
   * @default the provider's `live` (false)
   */
  live?: boolean;
}

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
 * // or keep it live as usage is billed (Server-Sent Events from the proxy):
 * const live = useWallet({ live: true });
 */
export function useWallet(options: UseWalletOptions & { suspense: true }): CredytResponse<Wallet> & { data: Wallet };
export function useWallet(options?: UseWalletOptions): CredytResponse<Wallet>;
export function useWallet(options?: UseWalletOptions): CredytResponse<Wallet> {
  const ctx = useCredytContext("useWallet");
  const { walletKey, fetchWallet, walletConfig } = ctx;
  const { live, ...swr } = options ?? {};
  // The stream is the provider's (a lazy chunk it loads while a reader wants it): see live-demand.ts.
  useLive(ctx, live);
  return useSWR<Wallet, CredytError>(walletKey, fetchWallet, options ? { ...walletConfig, ...swr } : walletConfig);
}
