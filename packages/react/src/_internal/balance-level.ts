import type { Account } from "@credyt/core";

/** How a balance stands: `overdraft` below zero, `low` below the low-balance level, else `normal`. */
export type BalanceLevel = "normal" | "low" | "overdraft";

/**
 * The one rule for "low balance", used by `<WalletBalance>` and `<LowBalanceNotice>`: below zero is
 * `overdraft`; at or above zero and below `lowBalance` is `low`. `lowBalance` is a number (a component's
 * own), or the provider's per-asset levels (`{ USD: 5, TOK: 100000 }`, asset codes in any case).
 *
 * @example
 * balanceLevel({ id: "default:USD", name: "default", asset: "USD", available: 3 }, { USD: 5 }); // "low"
 */
export function balanceLevel(account: Account, lowBalance?: number | Readonly<Record<string, number>>): BalanceLevel {
  if (account.available < 0) return "overdraft";
  const level = typeof lowBalance === "number" ? lowBalance : levelFor(lowBalance, account.asset);
  return level !== undefined && account.available < level ? "low" : "normal";
}

function levelFor(levels: Readonly<Record<string, number>> | undefined, asset: string): number | undefined {
  if (!levels) return undefined;
  const upper = asset.toUpperCase();
  for (const [code, level] of Object.entries(levels)) if (code.toUpperCase() === upper) return level;
  return undefined;
}
