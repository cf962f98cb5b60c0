import { formatAmount } from "@credyt/core";
import { type ReactNode, useEffect, useState } from "react";
import { fill } from "./context";
import type { UiContext } from "./ui-context";
import { type CredytUsageMessages, usageEn } from "./usage-messages";
import { useQuote } from "./use-quote";
import { validateAmount } from "./validate-amount";

/** How long typing must pause before the preview asks the server. */
const PREVIEW_DEBOUNCE_MS = 300;

/** Props of the top-up dialog's preview (private: the dialog renders it for a custom asset). */
export interface TopUpPreviewProps {
  /** The amount as typed (or picked). */
  value: string;
  currency: string;
  /** The asset credited; no preview when it is the currency itself. */
  asset: string | undefined;
  min: number | undefined;
  max: number | undefined;
  ctx: UiContext;
  className?: string | undefined;
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * "You get 10,000,000 TOK": what the typed amount credits in a custom asset, from the server's
 * `/quote` (its exchange rate, else Credyt's), debounced, one request in flight (`useQuote`).
 * Announced politely; nothing is shown for an amount the dialog would refuse.
 */
export function TopUpPreview(props: TopUpPreviewProps): ReactNode {
  const { value, currency, asset, min, max, ctx, className } = props;
  const { t, locale, assets } = ctx;
  const u: CredytUsageMessages = { ...usageEn, ...(t as Partial<CredytUsageMessages>) };
  const settled = useDebounced(value, PREVIEW_DEBOUNCE_MS);
  const custom = asset !== undefined && asset.toUpperCase() !== currency.toUpperCase();
  const checked = custom ? validateAmount(settled, { currency, min, max, locale }, t) : undefined;
  const amount = checked && "amount" in checked ? checked.amount : undefined;
  const { data, error, isLoading } = useQuote(custom && amount !== undefined ? { asset, currency, amount } : null);
  if (!custom) return null;
  const current = data !== undefined && amount !== undefined && data.amount === amount && settled === value;
  const state =
    amount === undefined ? "idle" : current ? "ready" : error ? "error" : isLoading || data ? "loading" : "idle";
  return (
    <p data-credyt="top-up-preview" data-state={state} aria-live="polite" className={className}>
      {state === "ready" && data && fill(u.youGet, { units: formatAmount(data.units, data.asset, { locale, assets }) })}
      {state === "loading" && u.quoteLoading}
      {state === "error" && u.quoteError}
    </p>
  );
}
