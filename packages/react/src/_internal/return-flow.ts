/**
 * Where the customer stands after coming back from checkout:
 * `idle` (nothing to show), `pending` (paid, waiting for the credit), `processing` (paid, still not
 * credited after the timeout), `success` (credited), `failed` (the payment did not go through).
 */
export type ReturnStatus = "idle" | "pending" | "processing" | "success" | "failed";

/** The balance remembered just before leaving for checkout. */
export interface PendingTopUp {
  /** The account the top-up credits, when the wallet had it. */
  accountId?: string | undefined;
  /** The asset the top-up credits. */
  asset: string;
  /** Its balance just before leaving for checkout (the baseline the credit is detected against). */
  available?: number | undefined;
  /** The account's `pendingIn` before this checkout (abandoned checkouts count there until they expire). */
  pendingIn?: number | undefined;
  /** What the customer paid, for the confirmation ("Added $20.00"). */
  amount?: number | undefined;
  /** The currency paid in. */
  currency?: string | undefined;
}

/** The values of the proxy's return marker (`RETURN_PARAM`) the return flow acts on. */
export type ReturnMarker = "top_up" | "failed" | "portal";

/** Where `rememberTopUp` keeps the balance for the return (the lazy `return-watch` takes it). */
export const STORAGE_KEY = "credyt:top-up";

/** Remembers the balance before a top-up redirect, so the return can tell when the credit landed. */
export function rememberTopUp(pending: PendingTopUp): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
  } catch {
    // Storage can be disabled (private mode); the return flow then refreshes without a baseline.
  }
}

/**
 * What of `account.pendingIn` is really on its way without `showPending`: only the top-up this browser
 * just paid, while it is not yet credited. Once credited (`success`), or with no paid checkout, nothing:
 * an abandoned or refused checkout's amount stays in Credyt's `pending_in` until it expires, and must
 * never read as money coming. Other checkouts were pending before this one: then at most what was paid
 * (in the asset paid for; in another asset the amount is unknown, so none is shown).
 */
export function pendingShown(
  pendingIn: number | undefined,
  status: ReturnStatus,
  paid: PendingTopUp | undefined,
): number | undefined {
  if (pendingIn === undefined || pendingIn <= 0) return undefined;
  if (status !== "pending" && status !== "processing") return undefined;
  if (!paid?.pendingIn) return pendingIn;
  if (paid.amount === undefined || paid.currency?.toUpperCase() !== paid.asset.toUpperCase()) return undefined;
  return Math.min(pendingIn, paid.amount);
}
