import type { Ctx } from "./context";
import { credit, debit, expireGrant } from "./grants";
import { type Decimal, toPrecision } from "./money";
import { accountId, type CustomerRecord, ensureAccount, type TopUpRecord } from "./state";
import { indexOf } from "./store-index";
import { isoTimestamp, parseTimestamp } from "./time";

/** Top-up links (and so unpaid top-ups) expire 24 hours after creation by default, Stripe Checkout's default. */
export const TOP_UP_TTL_MS = 24 * 60 * 60 * 1000;
/** Portal sessions are valid for 10 minutes, as Credyt documents. */
export const PORTAL_TTL_MS = 10 * 60 * 1000;
/** A paid grant's default expiry: one year. */
const PAID_GRANT_TTL_MS = 365 * 24 * 60 * 60 * 1000;

export function findCustomer(ctx: Ctx, id: string): CustomerRecord | undefined {
  return indexOf(ctx.store).customers.get(id);
}

/**
 * Expire every initiated top-up and credit grant whose time has passed (called before each request).
 * Only what is due is touched: the expiry queue is ordered by time, so the cost does not grow with the
 * number of top-ups and grants held. Clock moves (admin clock route) are seen at the next request.
 */
export function sweepExpired(ctx: Ctx): void {
  for (const due of indexOf(ctx.store).expiries.popDue(ctx.now().getTime())) {
    if (due.kind === "grant") expireGrant(ctx, due.account, due.grant);
    else settle(ctx, due.topUp, "expired");
  }
}

/**
 * Units of the destination asset a top-up credits. Same asset as the currency: the amount itself.
 * Otherwise the request's `exchange_rate` override (units per fiat unit by default), or the asset's
 * rate for the currency (the price of one unit, so units = amount / rate). Rounded down to the precision.
 */
export function topUpUnits(
  ctx: Ctx,
  amount: Decimal,
  currency: string,
  asset: string,
  override: Decimal | undefined,
): { units: Decimal } | { error: string; field: string } {
  const custom = ctx.store.assets.find((a) => a.code === asset);
  let units: Decimal;
  if (override) {
    units = ctx.readings.overrideDirection === "units-per-currency" ? amount.mul(override) : amount.div(override);
  } else if (asset === currency) {
    units = amount;
  } else if (custom) {
    const rate = custom.rates.find((r) => r.source === currency);
    if (!rate) return { field: "destination.asset", error: `Asset '${asset}' has no ${currency} rate.` };
    units = amount.div(rate.rate);
  } else {
    return { field: "destination.asset", error: `Cannot convert ${currency} to '${asset}'.` };
  }
  return { units: toPrecision(units, custom?.precision) };
}

/** Move an initiated top-up to its final status, settling `pending_in` and crediting on completion. */
export function settle(ctx: Ctx, t: TopUpRecord, status: "completed" | "failed" | "expired", code?: string): boolean {
  if (t.status !== "initiated") return false;
  const customer = findCustomer(ctx, t.customer_id);
  const at = isoTimestamp(ctx.now());
  if (customer) {
    const account = ensureAccount(customer, t.destination.account_name, t.destination.asset);
    account.pending_in = account.pending_in.minus(t.units);
    if (status === "completed") {
      const requested = t.credit_expires_at ? parseTimestamp(t.credit_expires_at) : undefined;
      credit(ctx.store, account, t.units, {
        purpose: "paid",
        created_at: at,
        expires_at: isoTimestamp(requested ?? new Date(ctx.now().getTime() + PAID_GRANT_TTL_MS)),
        source: t.id,
      });
    }
  }
  t.status = status;
  if (status === "completed") t.completed_at = at;
  if (status === "failed") {
    t.failed_at = at;
    t.failure_code = code ?? "card_declined";
  }
  // Expiry is applied lazily, at the first request after it; the record says when it really happened.
  if (status === "expired") t.expired_at = t.expires_at;
  ctx.changed();
  return true;
}

/** Charge an amount to an account (creating it if needed); overdrafts are allowed, as in Credyt. */
export function chargeAccount(customer: CustomerRecord, name: string, asset: string, amount: Decimal): string {
  const account = ensureAccount(customer, name, asset);
  debit(account, amount);
  return accountId(account);
}
