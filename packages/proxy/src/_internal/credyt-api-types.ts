import type { Account, PortalSession, TopUp, Wallet } from "@credyt/core";
import type { CredytPortalSessionBody, CredytTopUpBody } from "./credyt-bodies";

/**
 * A small typed Credyt client for server code. It takes Credyt's own request bodies and answers the
 * camelCase types of `@credyt/core` (`Wallet`, `Account`, `TopUp`, `PortalSession`), the same the hooks
 * of `@credyt/react` return, so a prefetched wallet goes straight into `<CredytProvider initialWallet>`.
 * Amounts keep every digit Credyt sent. Every failure is a `CredytError`.
 */
export interface CredytApi {
  /** The customer's wallet: every account with its balances (`initialWallet={wallet}` takes it as is). */
  getWallet(customerId: string): Promise<Wallet>;
  /** `accountId` is `name:ASSET`, for example `default:USD`. */
  getAccount(customerId: string, accountId: string): Promise<Account>;
  /** Starts a Credyt-hosted checkout; send the customer to the answer's `redirectUrl`. Never retried. */
  createTopUp(body: CredytTopUpBody): Promise<TopUp>;
  /** A billing portal link for the customer, valid for 10 minutes (`redirectUrl`). Never retried. */
  createBillingPortalSession(body: CredytPortalSessionBody): Promise<PortalSession>;
  /**
   * Tells the live balance streams that the customer's wallet changed (call it after sending a usage
   * event or an adjustment): the wallet is read again and pushed to their open streams when it differs.
   * Reaches the `proxy` given to `createCredytApi` and, with `fanout`, every instance subscribed to it;
   * with neither it throws (there is no process-global registry of proxies).
   */
  notify(customerId: string): Promise<void>;
}
