import { currencyDigits, formatAmount } from "@credyt/core";
import { fill } from "./context";
import type { CredytMessages } from "./messages";

/**
 * Validates a typed amount the way the proxy does (positive, min, max, decimals of the minor unit).
 * Accepts `,` as the decimal separator. Returns the amount, or the message to show.
 */
export function validateAmount(
  raw: string,
  rules: { currency: string; min?: number | undefined; max?: number | undefined; locale?: string | undefined },
  t: CredytMessages,
): { amount: number } | { message: string } {
  const text = raw.trim().replace(",", ".");
  const amount = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(amount > 0)) return { message: t.amountRequired };
  const money = (value: number) => formatAmount(value, rules.currency, { locale: rules.locale });
  if (rules.min !== undefined && amount < rules.min) return { message: fill(t.amountMin, { min: money(rules.min) }) };
  if (rules.max !== undefined && amount > rules.max) return { message: fill(t.amountMax, { max: money(rules.max) }) };
  const decimals = currencyDigits(rules.currency);
  if ((text.split(".")[1] ?? "").length > decimals) return { message: fill(t.amountDecimals, { decimals }) };
  return { amount };
}
