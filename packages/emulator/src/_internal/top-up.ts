import { isCurrencyCode } from "@credyt/core";
import type { Ctx } from "./context";
import { balanceFits, balanceLimitMessage, type Decimal, dec, withinCap, ZERO } from "./money";
import { findCustomer, topUpUnits } from "./ops";
import { ensureAccount, findAccount, type TopUpRecord } from "./state";
import { addTopUp } from "./store-index";
import { isoTimestamp } from "./time";
import { signToken } from "./tokens";

/** What a top-up is created from (the `POST /top-ups` body, or the portal's manual top-up form). */
export interface CreateTopUpInput {
  customer_id: string;
  amount: number;
  currency: string;
  description?: string;
  destination?: { account_name?: string; asset?: string; exchange_rate?: number };
  credit_expires_at?: string;
  return_url: string;
  failure_url: string;
  metadata?: Record<string, string>;
}

export type TopUpResult =
  | { ok: true; topUp: TopUpRecord }
  | { ok: false; status: 404 | 422; field: string; message: string };

/** Create an initiated top-up and add its units to the destination account's `pending_in`. */
export function createTopUp(ctx: Ctx, input: CreateTopUpInput): TopUpResult {
  const customer = findCustomer(ctx, input.customer_id);
  if (!customer)
    return { ok: false, status: 404, field: "customer_id", message: `Customer '${input.customer_id}' was not found.` };
  const currency = input.currency.toUpperCase();
  if (!isCurrencyCode(currency))
    return { ok: false, status: 422, field: "currency", message: `'${currency}' is not an ISO 4217 currency.` };
  const asset = (input.destination?.asset ?? currency).toUpperCase();
  const custom = ctx.store.assets.some((a) => a.code === asset);
  if (!custom && !isCurrencyCode(asset)) {
    return { ok: false, status: 422, field: "destination.asset", message: `Asset '${asset}' does not exist.` };
  }
  const rate: Decimal | undefined =
    input.destination?.exchange_rate !== undefined ? dec(input.destination.exchange_rate) : undefined;
  const amount = dec(input.amount);
  const converted = topUpUnits(ctx, amount, currency, asset, rate);
  if ("error" in converted) return { ok: false, status: 422, field: converted.field, message: converted.error };
  if (!converted.units.gt(ZERO)) {
    return { ok: false, status: 422, field: "amount", message: "The amount buys less than one unit of the asset." };
  }
  const accountName = input.destination?.account_name ?? "default";
  if (!withinCap(converted.units)) {
    return {
      ok: false,
      status: 422,
      field: rate ? "destination.exchange_rate" : "amount",
      message: "The amount converts to more units than the emulator's limit of 1000000000000.",
    };
  }
  const existing = findAccount(customer, `${accountName}:${asset}`);
  if (!balanceFits(existing?.available ?? dec(0), (existing?.pending_in ?? dec(0)).plus(converted.units))) {
    return { ok: false, status: 422, field: "amount", message: balanceLimitMessage(`${accountName}:${asset}`) };
  }
  const now = ctx.now();
  const topUp: TopUpRecord = {
    id: ctx.id("top"),
    customer_id: customer.id,
    status: "initiated",
    amount,
    currency,
    destination: { account_name: accountName, asset, ...(rate ? { exchange_rate: rate } : {}) },
    units: converted.units,
    return_url: input.return_url,
    failure_url: input.failure_url,
    created_at: isoTimestamp(now),
    expires_at: isoTimestamp(new Date(now.getTime() + ctx.topUpTtlMs)),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.credit_expires_at !== undefined ? { credit_expires_at: input.credit_expires_at } : {}),
    ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
  };
  const account = ensureAccount(customer, accountName, asset);
  account.pending_in = account.pending_in.plus(topUp.units);
  addTopUp(ctx.store, topUp);
  ctx.changed();
  return { ok: true, topUp };
}

/** The hosted checkout link for a top-up: `${publicUrl}/api/sign-in?token=<jwt>`, valid until the top-up expires. */
export async function topUpRedirectUrl(ctx: Ctx, base: string, topUp: TopUpRecord): Promise<string> {
  const token = await signToken(
    ctx,
    {
      purpose: "top-up-redirect",
      customer_id: topUp.customer_id,
      top_up_id: topUp.id,
      return_url: topUp.return_url,
      failure_url: topUp.failure_url,
    },
    // JWT `exp` has whole seconds: round up, so the link never lapses before the top-up does (the top-up's
    // own status then decides, and an expired one shows the expired-checkout page).
    new Date(Math.ceil(Date.parse(topUp.expires_at) / 1000) * 1000),
  );
  return `${base}/api/sign-in?token=${token}`;
}
