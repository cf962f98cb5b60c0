import type { Account, CredytError, Wallet } from "@credyt/core";
import type { KeyedMutator } from "swr";
import { type UseWalletOptions, useWallet } from "./use-wallet";

/** What {@link useAccount} returns: SWR's fields, with `data` narrowed to one account. */
export interface UseAccountResult {
  /** The account, or `undefined` while loading or when the wallet has no such account. */
  data: Account | undefined;
  /** The last error, typed as `CredytError`. */
  error: CredytError | undefined;
  /** No data yet and a request in flight. */
  isLoading: boolean;
  /** A request (first or revalidation) is in flight. */
  isValidating: boolean;
  /** SWR's bound `mutate` of the wallet: no argument re-fetches, a wallet writes it. */
  mutate: KeyedMutator<Wallet>;
}

/**
 * Picks one account of a wallet, named as every component names it (`account`): by id (`"default:USD"`),
 * else by asset code (the `default` account first), else the first account when `account` is omitted.
 */
export function selectAccount(wallet: Wallet | undefined, account?: string): Account | undefined {
  const accounts = wallet?.accounts ?? [];
  if (account === undefined) return accounts[0];
  const byAsset = accounts.filter((a) => a.asset.toUpperCase() === account.toUpperCase());
  return accounts.find((a) => a.id === account) ?? byAsset.find((a) => a.name === "default") ?? byAsset[0];
}

/**
 * One account of the wallet, read from the shared wallet request (twenty balances, one request).
 * `account` names it as every component's `account` prop does: an asset code (`"USD"`, its `default`
 * account first) or an account id (`"default:TOK"`); the first account when omitted. SWR options go
 * last, as for `useWallet`.
 *
 * @example
 * const { data: usd, error, isLoading } = useAccount("USD");
 * const { data: tokens } = useAccount("default:TOK", { refreshInterval: 10_000 });
 * const { data: live } = useAccount("USD", { live: true }); // follows the proxy's live stream
 */
export function useAccount(account?: string, options?: UseWalletOptions): UseAccountResult {
  const wallet = useWallet(options);
  // Getters, as SWR's own: a component re-renders only for the fields it reads.
  return {
    get data() {
      return selectAccount(wallet.data, account);
    },
    get error() {
      return wallet.error;
    },
    get isLoading() {
      return wallet.isLoading;
    },
    get isValidating() {
      return wallet.isValidating;
    },
    mutate: wallet.mutate,
  };
}
