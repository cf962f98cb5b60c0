import type { TopUpStatus } from "@credyt/core";
import { type Decimal, dec } from "./money";

/** A custom asset (fiat currencies need no record). */
export interface AssetRecord {
  code: string;
  name: string;
  precision: number;
  symbol?: string;
  label?: string;
  rates: { source: string; rate: Decimal }[];
  created_at: string;
}

/** A price: each event of `event_type` costs `unit_price` of `asset`, times `data[volume_field]` when set. */
interface PriceRecord {
  event_type: string;
  asset: string;
  unit_price: Decimal;
  volume_field?: string;
}

export interface ProductRecord {
  id: string;
  code: string;
  name: string;
  version: number;
  prices: PriceRecord[];
}

/**
 * A credit grant: credits from a completed top-up (`paid`) or a positive adjustment. Debits consume the
 * grants that expire first; whatever is left of a grant when it expires is removed from `available`.
 */
export interface GrantRecord {
  purpose: "paid" | "adjustment";
  amount: Decimal;
  remaining: Decimal;
  created_at: string;
  expires_at?: string;
  source: string;
}

export interface AccountRecord {
  name: string;
  asset: string;
  available: Decimal;
  pending_in: Decimal;
  pending_out: Decimal;
  grants: GrantRecord[];
}

interface SubscriptionRecord {
  started_at: string;
  products: { id: string; code: string; version: number }[];
}

export interface CustomerRecord {
  id: string;
  external_id?: string;
  name: string;
  email?: string;
  created_at: string;
  subscriptions: SubscriptionRecord[];
  accounts: AccountRecord[];
}

export interface TopUpRecord {
  id: string;
  customer_id: string;
  status: TopUpStatus;
  amount: Decimal;
  currency: string;
  description?: string;
  destination: { account_name: string; asset: string; exchange_rate?: Decimal };
  /** Units of `destination.asset` credited on completion. */
  units: Decimal;
  credit_expires_at?: string;
  return_url: string;
  failure_url: string;
  metadata?: Record<string, string>;
  created_at: string;
  expires_at: string;
  completed_at?: string;
  failed_at?: string;
  expired_at?: string;
  failure_code?: string;
}

export interface FeeRecord {
  amount: Decimal;
  asset: string;
  account_id: string;
  product_id: string;
  product_code: string;
  product_version: number;
}

export interface EventRecord {
  id: string;
  customer_id: string;
  event_type: string;
  occurred_at: string;
  subject?: string;
  description?: string;
  data?: Record<string, unknown>;
  costs?: unknown[];
  created_at: string;
  fees: FeeRecord[];
}

export interface AdjustmentRecord {
  customer_id: string;
  transaction_id: string;
  response: { id: string; created_at: string };
}

export interface PortalSessionRecord {
  id: string;
  customer_id: string;
  return_url: string;
  failure_url: string;
  expires_at: string;
}

/** Everything the emulator holds. Decimals serialise as strings through `Decimal#toJSON`. */
export interface Store {
  clockOffsetMs: number;
  assets: AssetRecord[];
  products: ProductRecord[];
  customers: CustomerRecord[];
  adjustments: AdjustmentRecord[];
  topUps: TopUpRecord[];
  events: EventRecord[];
  portalSessions: PortalSessionRecord[];
}

export function emptyStore(): Store {
  return {
    clockOffsetMs: 0,
    assets: [],
    products: [],
    customers: [],
    adjustments: [],
    topUps: [],
    events: [],
    portalSessions: [],
  };
}

/** Account id as Credyt prints it: `name:ASSET`. */
export function accountId(account: { name: string; asset: string }): string {
  return `${account.name}:${account.asset}`;
}

/** Find an account by its id, ignoring case and accepting a percent-encoded colon. */
export function findAccount(customer: CustomerRecord, id: string): AccountRecord | undefined {
  const wanted = id.replace(/%3a/gi, ":").toLowerCase();
  return customer.accounts.find((a) => accountId(a).toLowerCase() === wanted);
}

/** The account for `name:asset`, created with zero balances when missing (Credyt creates on first credit). */
export function ensureAccount(customer: CustomerRecord, name: string, asset: string): AccountRecord {
  const existing = findAccount(customer, `${name}:${asset}`);
  if (existing) return existing;
  const created: AccountRecord = {
    name,
    asset: asset.toUpperCase(),
    available: dec(0),
    pending_in: dec(0),
    pending_out: dec(0),
    grants: [],
  };
  customer.accounts.push(created);
  return created;
}

/** Deep-copy a store through JSON, reviving decimals: used for snapshots, resets and `--state` files. */
export function reviveStore(raw: unknown): Store {
  const s = raw as Store;
  const d = (v: unknown) => dec(v as string);
  return {
    clockOffsetMs: Number(s.clockOffsetMs ?? 0),
    assets: (s.assets ?? []).map((a) => ({ ...a, rates: a.rates.map((r) => ({ ...r, rate: d(r.rate) })) })),
    products: (s.products ?? []).map((p) => ({
      ...p,
      prices: p.prices.map((pr) => ({ ...pr, unit_price: d(pr.unit_price) })),
    })),
    customers: (s.customers ?? []).map((c) => ({
      ...c,
      subscriptions: c.subscriptions.map((sub) => ({ ...sub, products: sub.products.map((p) => ({ ...p })) })),
      accounts: c.accounts.map((a) => ({
        ...a,
        available: d(a.available),
        pending_in: d(a.pending_in),
        pending_out: d(a.pending_out),
        // Debits draw on grants in expiry order; older state files may hold them in arrival order.
        grants: (a.grants ?? [])
          .map((g) => ({ ...g, amount: d(g.amount), remaining: d(g.remaining ?? g.amount) }))
          .sort((x, y) => grantExpiry(x) - grantExpiry(y)),
      })),
    })),
    adjustments: (s.adjustments ?? []).map((a) => ({ ...a, response: { ...a.response } })),
    topUps: (s.topUps ?? []).map((t) => ({
      ...t,
      amount: d(t.amount),
      units: d(t.units),
      destination: {
        ...t.destination,
        ...(t.destination.exchange_rate !== undefined ? { exchange_rate: d(t.destination.exchange_rate) } : {}),
      },
    })),
    events: (s.events ?? []).map((e) => ({ ...e, fees: e.fees.map((f) => ({ ...f, amount: d(f.amount) })) })),
    portalSessions: (s.portalSessions ?? []).map((p) => ({ ...p })),
  };
}

function grantExpiry(grant: { expires_at?: string }): number {
  return grant.expires_at ? Date.parse(grant.expires_at) : Number.POSITIVE_INFINITY;
}

/** Clone a store (decimals are immutable, so a JSON round trip plus revival is exact). */
export function cloneStore(store: Store): Store {
  return reviveStore(JSON.parse(JSON.stringify(store)));
}
