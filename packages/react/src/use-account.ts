import type { Account, CredytError, Wallet } from "@credyt/core";
import { useWallet } from "./use-wallet";

/** What {@link useAccount} returns: SWR's fields, with `data` narrowed to one account. */
export interface UseAccountResult {
  /** The account, or `undefined` while loading or when the wallet has no such account. */
  data: Account | undefined;
  error: CredytError | undefined;
  isLoading: boolean;
  isValidating: boolean;
  /** Re-fetches the wallet. */
  mutate: (wallet?: Wallet) => Promise<Wallet | undefined>;
}

/**
 * Picks one account of a wallet: by id (`"default:USD"`), else by asset code (the `default`
 * account first), else the first account when `assetOrId` is omitted.
 */
export function selectAccount(wallet: Wallet | undefined, assetOrId?: string): Account | undefined {
  const accounts = wallet?.accounts ?? [];
  if (assetOrId === undefined) return accounts[0];
  const byAsset = accounts.filter((a) => a.asset.toUpperCase() === assetOrId.toUpperCase());
  return accounts.find((a) => a.id === assetOrId) ?? byAsset.find((a) => a.name === "default") ?? byAsset[0];
}

/**
 * One account of the wallet, read from the shared wallet request (twenty balances, one request).
 *
 * @example
 * const { data: usd, error, isLoading } = useAccount("USD");
 * const { data: tokens } = useAccount("default:TOK");
 */
export function useAccount(assetOrId?: string): UseAccountResult {
  const wallet = useWallet();
  return {
    data: selectAccount(wallet.data, assetOrId),
    error: wallet.error,
    isLoading: wallet.isLoading,
    // A getter, so `isValidating` subscribes only the components that read it (as in SWR).
    get isValidating() {
      return wallet.isValidating;
    },
    mutate: wallet.mutate,
  };
}
