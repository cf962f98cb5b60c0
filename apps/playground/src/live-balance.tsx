import { formatAmount } from "@credyt/core";
import { useWalletStream } from "@credyt/react";
import type { ReactNode } from "react";

const LABELS = {
  connecting: "connecting…",
  live: "live",
  paused: "paused while this tab is hidden",
  unavailable: "updates on focus",
} as const;

/**
 * The balance as the live stream (`useWalletStream`) delivers it: it moves when usage is billed in
 * another tab, with no focus or reload. (Once `<WalletBalance live>` ships, it does this itself.)
 */
export function LiveBalance(): ReactNode {
  const { data, status } = useWalletStream();
  const usd = data?.accounts.find((account) => account.asset === "USD");
  return (
    <p className="live-balance" data-testid="live-balance" data-state={status}>
      <span aria-live="polite">
        Live balance:{" "}
        <strong data-testid="live-amount">{usd ? formatAmount(usd.available, "USD", { locale: "en-US" }) : "…"}</strong>
      </span>{" "}
      <span className="live-status">({LABELS[status]})</span>
    </p>
  );
}
