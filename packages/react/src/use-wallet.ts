import type { CredytError, Wallet } from "@credyt/core";
import useSWR, { type SWRResponse } from "swr";
import { useCredytContext } from "./_internal/context";

/**
 * The customer's wallet (every account), cached under `credytKeys.wallet(baseUrl)`. Every
 * `useWallet`, `useAccount` and `<WalletBalance>` on a page share one request.
 *
 * @example
 * const { data, error, isLoading, mutate } = useWallet();
 * if (data) console.info(data.accounts.length);
 */
export function useWallet(): SWRResponse<Wallet, CredytError> {
  const { client, walletKey, fallbackWallet } = useCredytContext("useWallet");
  return useSWR<Wallet, CredytError>(walletKey, () => client.getWallet(), { fallbackData: fallbackWallet });
}
