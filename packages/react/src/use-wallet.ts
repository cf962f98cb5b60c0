import type { Wallet } from "@credyt/core";
import { useCredytContext } from "./_internal/context";
import { type CredytResponse, useResource } from "./_internal/store";

export type { CredytResponse };

/**
 * The customer's wallet (every account). Every `useWallet`, `useAccount` and `<WalletBalance>`
 * under one provider share one request; it re-fetches on mount, window focus and reconnect.
 *
 * @example
 * const { data, error, isLoading, mutate } = useWallet();
 * // after your server changed a balance:
 * await mutate();
 */
export function useWallet(): CredytResponse<Wallet> {
  const { client, store, walletKey, fallbackWallet } = useCredytContext("useWallet");
  return useResource(store, walletKey, () => client.getWallet(), fallbackWallet);
}
