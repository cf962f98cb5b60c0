// Records (exact decimals) to Credyt's API shape (JSON numbers, snake_case). Each mapper returns a declared
// type, so a change that breaks a shape fails to compile; the public ones live in `../types`.

import { toJsonNumber } from "./money";
import type { ResolvedReadings } from "./readings";
import type { AccountRecord, AssetRecord, CustomerRecord, EventRecord, TopUpRecord } from "./state";
import { accountId } from "./state";
import type { CredytApiAccount, CredytApiCustomer, CredytApiTopUp } from "./types";

/** A custom asset, as `GET /assets/{code}` returns it. */
interface CredytApiAsset {
  code: string;
  name: string;
  precision: number;
  symbol?: string;
  label?: string;
  rates: { source: string; rate: number }[];
  created_at: string;
}

/** A fee a usage event was billed: every field in the `full` reading; fewer, or `currency` for `asset`, in others. */
interface CredytApiFee {
  amount: number;
  asset?: string;
  currency?: string;
  account_id?: string;
  product_id?: string;
  product_code?: string;
  product_version: number;
}

/** A usage event, as `GET /events/{id}` returns it. */
interface CredytApiEvent {
  id: string;
  customer_id: string;
  event_type: string;
  occurred_at: string;
  subject?: string;
  description?: string;
  data?: Record<string, unknown>;
  costs?: unknown[];
  created_at: string;
  fees?: CredytApiFee[];
}

/** The paged list envelope of every list endpoint. */
interface CredytApiPage<W> {
  items: W[];
  total_count: number;
  limit: number;
  offset: number;
}

/** `GET /customers/{id}/wallet/{accountId}` and each wallet entry. */
export function accountToApi(a: AccountRecord): CredytApiAccount {
  return {
    id: accountId(a),
    name: a.name,
    asset: a.asset,
    available: toJsonNumber(a.available),
    pending_in: toJsonNumber(a.pending_in),
    pending_out: toJsonNumber(a.pending_out),
  };
}

/** `GET /customers/{id}`: the documented fields, plus `email` when one was set. */
export function customerToApi(c: CustomerRecord): CredytApiCustomer {
  return {
    id: c.id,
    ...(c.external_id !== undefined ? { external_id: c.external_id } : {}),
    name: c.name,
    ...(c.email !== undefined ? { email: c.email } : {}),
    created_at: c.created_at,
    external_accounts: [],
    subscriptions: c.subscriptions.map((s) => ({
      started_at: s.started_at,
      products: s.products.map((p) => ({ id: p.id, code: p.code, version: p.version })),
    })),
  };
}

/** `GET /top-ups/{id}` (an emulator extension): the create response plus the request and outcome. */
export function topUpToApi(t: TopUpRecord, redirectUrl: string | undefined): CredytApiTopUp {
  return {
    id: t.id,
    status: t.status,
    ...(redirectUrl ? { redirect_url: redirectUrl } : {}),
    created_at: t.created_at,
    expires_at: t.expires_at,
    customer_id: t.customer_id,
    amount: toJsonNumber(t.amount),
    currency: t.currency,
    ...(t.description !== undefined ? { description: t.description } : {}),
    destination: {
      account_name: t.destination.account_name,
      asset: t.destination.asset,
      ...(t.destination.exchange_rate ? { exchange_rate: toJsonNumber(t.destination.exchange_rate) } : {}),
    },
    units: toJsonNumber(t.units),
    ...(t.credit_expires_at ? { credit_expires_at: t.credit_expires_at } : {}),
    return_url: t.return_url,
    failure_url: t.failure_url,
    ...(t.metadata ? { metadata: t.metadata } : {}),
    ...(t.completed_at ? { completed_at: t.completed_at } : {}),
    ...(t.failed_at ? { failed_at: t.failed_at } : {}),
    ...(t.expired_at ? { expired_at: t.expired_at } : {}),
    ...(t.failure_code ? { failure_code: t.failure_code } : {}),
  };
}

/** `GET /assets/{code}` and each asset listed. */
export function assetToApi(a: AssetRecord): CredytApiAsset {
  return {
    code: a.code,
    name: a.name,
    precision: a.precision,
    ...(a.symbol !== undefined ? { symbol: a.symbol } : {}),
    ...(a.label !== undefined ? { label: a.label } : {}),
    rates: a.rates.map((r) => ({ source: r.source, rate: toJsonNumber(r.rate) })),
    created_at: a.created_at,
  };
}

/** A fee as the `feeFields` reading prints it. */
function feeToApi(f: EventRecord["fees"][number], readings: Pick<ResolvedReadings, "feeFields">): CredytApiFee {
  const amount = toJsonNumber(f.amount);
  if (readings.feeFields === "amount-and-version") return { amount, product_version: f.product_version };
  if (readings.feeFields === "asset-renamed") return { amount, currency: f.asset, product_version: f.product_version };
  return { ...f, amount };
}

/** `GET /events/{id}` and each event created or listed, with its fees unless `withFees` is false. */
export function eventToApi(
  e: EventRecord,
  readings: Pick<ResolvedReadings, "feeFields"> = { feeFields: "full" },
  withFees = true,
): CredytApiEvent {
  return {
    id: e.id,
    customer_id: e.customer_id,
    event_type: e.event_type,
    occurred_at: e.occurred_at,
    ...(e.subject !== undefined ? { subject: e.subject } : {}),
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...(e.data !== undefined ? { data: e.data } : {}),
    ...(e.costs !== undefined ? { costs: e.costs } : {}),
    created_at: e.created_at,
    ...(withFees ? { fees: e.fees.map((f) => feeToApi(f, readings)) } : {}),
  };
}

/** The paged list envelope used by every list endpoint; only the page's own items are converted. */
export function page<T, W = T>(
  all: readonly T[],
  offset: number,
  limit: number,
  toApi?: (item: T) => W,
): CredytApiPage<W> {
  const items = all.slice(offset, offset + limit);
  return {
    items: toApi ? items.map(toApi) : (items as unknown as W[]),
    total_count: all.length,
    limit,
    offset,
  };
}
