import { type Account, type FormatAmountOptions, formatAmount } from "@credyt/core";
import { type ReactNode, useEffect, useState } from "react";
import { fill } from "./context";
import { useThrottledAnnouncement, VISUALLY_HIDDEN } from "./live-cues";
import type { CredytMessages } from "./messages";
import type { PendingTopUp, ReturnStatus } from "./return-flow";

/** The class names of `<WalletBalance>`'s parts drawn here (its `classNames`). */
type Parts = { notice?: string | undefined; confirmation?: string | undefined; dismiss?: string | undefined };

// What `<WalletBalance>` shows only for a live balance or a customer back from checkout: an on-demand chunk,
// loaded after mount when one of them is under way (never on the first paint, which has neither).

export { returnEn } from "./messages";
export { pendingShown } from "./return-flow";

/** How long the confirmation after a paid checkout stays, unless dismissed (at least 5 s, as promised). */
const CONFIRMATION_MS = 8000;

/** The notice of an account whose checkout return is under way (`pending`, `processing`, `failed`). */
export function notice(status: ReturnStatus, t: CredytMessages, cn: Parts): ReactNode {
  return status === "pending" || status === "processing" || status === "failed" ? (
    <span data-credyt="balance-notice" data-state={status} className={cn.notice}>
      {status === "pending" ? t.returnPending : status === "processing" ? t.returnProcessing : t.returnFailed}
    </span>
  ) : undefined;
}

/** "Added $20.00" after a paid checkout: from the credit landing until dismissed or `CONFIRMATION_MS` later. */
export function Confirmation(props: {
  status: ReturnStatus;
  paid: PendingTopUp | undefined;
  t: CredytMessages;
  cn: Parts;
  options: FormatAmountOptions;
}): ReactNode {
  const { status, paid, t, cn } = props;
  const [over, setOver] = useState(false);
  const amount = paid?.amount;
  const success = status === "success" && amount !== undefined;
  useEffect(() => {
    if (!success) return;
    const timer = setTimeout(() => setOver(true), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [success]);
  if (!success || over) return null;
  return (
    <span data-credyt="balance-confirmation" role="status" className={cn.confirmation}>
      {fill(t.added, { amount: formatAmount(amount, paid?.currency ?? paid?.asset ?? "", props.options) })}
      <button
        type="button"
        data-credyt="balance-dismiss"
        aria-label={t.dismiss}
        className={cn.dismiss}
        onClick={() => setOver(true)}
      >
        ×
      </button>
    </span>
  );
}

/**
 * The status region of a live balance: the latest balance (every shown account's, in order), said at most
 * every `LIVE_ANNOUNCE_MS`; nothing while `accounts` is undefined (no balance ready).
 */
export function Announcement(props: { accounts: Account[] | undefined; options: FormatAmountOptions }): ReactNode {
  const { accounts, options } = props;
  const said = useThrottledAnnouncement(accounts?.map((a) => formatAmount(a.available, a.asset, options)).join(", "));
  return (
    <span data-credyt="balance-announcement" role="status" style={VISUALLY_HIDDEN}>
      {said}
    </span>
  );
}
