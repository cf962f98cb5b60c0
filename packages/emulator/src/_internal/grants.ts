import type { Ctx } from "./context";
import { type Decimal, dec, ZERO } from "./money";
import type { AccountRecord, GrantRecord, Store } from "./state";
import { addGrantExpiry } from "./store-index";

/**
 * Add credit to an account as a grant (seeded balances carry no grant and never expire). The account's
 * grants stay sorted by expiry (no expiry last, ties in arrival order), the order debits draw on them.
 */
export function credit(
  store: Store,
  account: AccountRecord,
  amount: Decimal,
  grant: Omit<GrantRecord, "amount" | "remaining">,
): void {
  account.available = account.available.plus(amount);
  const record: GrantRecord = { ...grant, amount, remaining: amount };
  const at = expiry(record);
  // Binary search for the first grant expiring later: new credit usually expires last, so this is cheap.
  let lo = 0;
  let hi = account.grants.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (expiry(account.grants[mid] as GrantRecord) <= at) lo = mid + 1;
    else hi = mid;
  }
  account.grants.splice(lo, 0, record);
  addGrantExpiry(store, account, record);
}

/**
 * Take an amount from an account, overdraft allowed. It is drawn from the grants that expire first
 * (grants without expiry last), so expiring credit is spent before it lapses. Spent grants at the front
 * are dropped: nothing can draw on them again, and keeping them would make every later debit walk them.
 */
export function debit(account: AccountRecord, amount: Decimal): void {
  account.available = account.available.minus(amount);
  const grants = account.grants;
  let left = amount;
  for (let i = 0; i < grants.length && left.gt(ZERO); i++) {
    const grant = grants[i] as GrantRecord;
    if (!grant.remaining.gt(ZERO)) continue;
    const take = minOf(grant.remaining, left);
    grant.remaining = grant.remaining.minus(take);
    left = left.minus(take);
  }
  dropSpent(grants);
}

/** Drop the spent or lapsed grants at the front (they sort first, being the earliest to expire). */
function dropSpent(grants: GrantRecord[]): void {
  let spent = 0;
  while (spent < grants.length && !(grants[spent] as GrantRecord).remaining.gt(ZERO)) spent++;
  if (spent > 0) grants.splice(0, spent);
}

/** Remove what is left of a grant whose `expires_at` has passed (called by the expiry queue). */
export function expireGrant(ctx: Ctx, account: AccountRecord, grant: GrantRecord): void {
  if (!grant.remaining.gt(ZERO)) return;
  account.available = account.available.minus(grant.remaining);
  grant.remaining = dec(0);
  dropSpent(account.grants);
  ctx.changed();
}

/** A grant's expiry in epoch milliseconds; grants without one sort last. */
function expiry(grant: GrantRecord): number {
  return grant.expires_at ? Date.parse(grant.expires_at) : Number.POSITIVE_INFINITY;
}

function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lt(b) ? a : b;
}
