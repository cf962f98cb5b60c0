import type { Ctx } from "./context";
import { type Decimal, dec } from "./money";
import type { AccountRecord, GrantRecord } from "./state";

/** Add credit to an account as a grant (seeded balances carry no grant and never expire). */
export function credit(
  account: AccountRecord,
  amount: Decimal,
  grant: Omit<GrantRecord, "amount" | "remaining">,
): void {
  account.available = account.available.plus(amount);
  account.grants.push({ ...grant, amount, remaining: amount });
}

/**
 * Take an amount from an account, overdraft allowed. It is drawn from the grants that expire first
 * (grants without expiry last), so expiring credit is spent before it lapses.
 */
export function debit(account: AccountRecord, amount: Decimal): void {
  account.available = account.available.minus(amount);
  let left = amount;
  const order = account.grants.filter((g) => g.remaining.isPositive()).sort((a, b) => expiry(a) - expiry(b));
  for (const grant of order) {
    if (!left.isPositive()) break;
    const take = minOf(grant.remaining, left);
    grant.remaining = grant.remaining.minus(take);
    left = left.minus(take);
  }
}

/** Remove what is left of every grant whose `expires_at` has passed. */
export function expireGrants(ctx: Ctx): void {
  const now = ctx.now().getTime();
  let changed = false;
  for (const customer of ctx.store.customers) {
    for (const account of customer.accounts) {
      for (const grant of account.grants) {
        if (grant.expires_at && grant.remaining.isPositive() && Date.parse(grant.expires_at) <= now) {
          account.available = account.available.minus(grant.remaining);
          grant.remaining = dec(0);
          changed = true;
        }
      }
    }
  }
  if (changed) ctx.changed();
}

function expiry(grant: GrantRecord): number {
  return grant.expires_at ? Date.parse(grant.expires_at) : Number.POSITIVE_INFINITY;
}

function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}
