import { formatAmount } from "@credyt/core";
import { fill } from "./context";
import type { CredytMessages } from "./messages";

/**
 * Our own localised sentence for the server's refusal of the amount (`invalid_request` with
 * `details.amount`). The proxy writes English ("must be at least 5"); a translated dialog must never
 * show it, so the known rules map to our strings by their numbers, and anything else to the
 * catalogue's generic "this amount cannot be used".
 */
export function fieldMessage(
  server: string[],
  rules: { currency: string; locale?: string | undefined },
  t: CredytMessages,
): string {
  const text = server.join(" ");
  const money = (value: string) => formatAmount(value, rules.currency, { locale: rules.locale });
  let match = /at least (\d+(?:\.\d+)?)/.exec(text);
  if (match?.[1]) return fill(t.amountMin, { min: money(match[1]) });
  match = /at most (\d+(?:\.\d+)?)(?! decimal)/.exec(text);
  if (match?.[1] && !/decimal/.test(text)) return fill(t.amountMax, { max: money(match[1]) });
  match = /at most (\d+) decimal/.exec(text);
  if (match?.[1]) return fill(t.amountDecimals, { decimals: match[1] });
  if (/greater than 0|must be a (finite )?number/.test(text)) return t.amountRequired;
  return t.errorInvalid;
}
