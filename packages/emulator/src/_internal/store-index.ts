import { ExpiryQueue } from "./expiry-queue";
import { ZERO } from "./money";
import type {
  AccountRecord,
  AdjustmentRecord,
  CustomerRecord,
  EventRecord,
  GrantRecord,
  PortalSessionRecord,
  Store,
  TopUpRecord,
} from "./state";
import { parseTimestamp } from "./time";

/** Something that lapses at a point in time: an initiated top-up, or what is left of a credit grant. */
type Expiring = { kind: "top-up"; topUp: TopUpRecord } | { kind: "grant"; account: AccountRecord; grant: GrantRecord };

/**
 * Lookups by key and a time-ordered expiry queue over a store, so no request scans every record: the cost
 * of a request does not depend on how many customers, top-ups, grants or events the emulator holds.
 * Derived data only (never persisted): built on first use for each store object, so `reset()` and a
 * resumed `--state` file get a fresh index. Every record is added through the `add*` functions below.
 */
export interface StoreIndex {
  customers: Map<string, CustomerRecord>;
  customersByExternalId: Map<string, CustomerRecord>;
  topUps: Map<string, TopUpRecord>;
  topUpsByCustomer: Map<string, TopUpRecord[]>;
  /** Key `customer_id|lower-case event id`. */
  events: Map<string, EventRecord>;
  /** Lower-case event id → the first event stored with it. */
  eventsById: Map<string, EventRecord>;
  /** A customer's events, oldest `occurred_at` first (ties in arrival order). */
  eventsByCustomer: Map<string, EventRecord[]>;
  /** Every event, oldest `occurred_at` first (ties in arrival order). */
  eventsByTime: EventRecord[];
  /** Key `customer_id|lower-case transaction_id`. */
  adjustments: Map<string, AdjustmentRecord>;
  portalSessions: Map<string, PortalSessionRecord>;
  expiries: ExpiryQueue<Expiring>;
}

const indexes = new WeakMap<Store, StoreIndex>();

/** The index of a store, built on first use. */
export function indexOf(store: Store): StoreIndex {
  let index = indexes.get(store);
  if (!index) {
    index = build(store);
    indexes.set(store, index);
  }
  return index;
}

function build(store: Store): StoreIndex {
  const index: StoreIndex = {
    customers: new Map(),
    customersByExternalId: new Map(),
    topUps: new Map(),
    topUpsByCustomer: new Map(),
    events: new Map(),
    eventsById: new Map(),
    eventsByCustomer: new Map(),
    eventsByTime: [],
    adjustments: new Map(),
    portalSessions: new Map(),
    expiries: new ExpiryQueue(),
  };
  for (const c of store.customers) {
    indexCustomer(index, c);
    for (const account of c.accounts) for (const grant of account.grants) scheduleGrant(index, account, grant);
  }
  for (const t of store.topUps) indexTopUp(index, t);
  for (const e of store.events) indexEvent(index, e);
  for (const a of store.adjustments) index.adjustments.set(`${a.customer_id}|${a.transaction_id}`, a);
  for (const p of store.portalSessions) index.portalSessions.set(p.id, p);
  return index;
}

function indexCustomer(index: StoreIndex, c: CustomerRecord): void {
  index.customers.set(c.id, c);
  if (c.external_id !== undefined) index.customersByExternalId.set(c.external_id, c);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexTopUp(index: StoreIndex, t: TopUpRecord): void {
  index.topUps.set(t.id, t);
  push(index.topUpsByCustomer, t.customer_id, t);
  if (t.status === "initiated") index.expiries.push(Date.parse(t.expires_at), { kind: "top-up", topUp: t });
}

function indexEvent(index: StoreIndex, e: EventRecord): void {
  const id = e.id.toLowerCase();
  index.events.set(`${e.customer_id}|${id}`, e);
  if (!index.eventsById.has(id)) index.eventsById.set(id, e);
  let list = index.eventsByCustomer.get(e.customer_id);
  if (!list) {
    list = [];
    index.eventsByCustomer.set(e.customer_id, list);
  }
  insertByTime(list, e);
  insertByTime(index.eventsByTime, e);
}

/** Epoch milliseconds of an event's `occurred_at` (validated on the way in). */
function occurredMs(e: EventRecord): number {
  return parseTimestamp(e.occurred_at)?.getTime() ?? 0;
}

/** The first position in a time-sorted list whose event occurred at or after `ms` (or after, when `after`). */
export function boundAt(list: readonly EventRecord[], ms: number, after = false): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = occurredMs(list[mid] as EventRecord);
    if (at < ms || (after && at === ms)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Insert keeping time order; events mostly arrive in order, so this is usually an append. */
function insertByTime(list: EventRecord[], e: EventRecord): void {
  const ms = occurredMs(e);
  const last = list[list.length - 1];
  if (!last || occurredMs(last) <= ms) list.push(e);
  else list.splice(boundAt(list, ms, true), 0, e);
}

function scheduleGrant(index: StoreIndex, account: AccountRecord, grant: GrantRecord): void {
  if (grant.expires_at && grant.remaining.gt(ZERO)) {
    index.expiries.push(Date.parse(grant.expires_at), { kind: "grant", account, grant });
  }
}

/** Store a new customer. */
export function addCustomer(store: Store, customer: CustomerRecord): void {
  store.customers.push(customer);
  indexCustomer(indexOf(store), customer);
}

/** Store a new top-up (and schedule its expiry while it is initiated). */
export function addTopUp(store: Store, topUp: TopUpRecord): void {
  store.topUps.push(topUp);
  indexTopUp(indexOf(store), topUp);
}

/** Store a new usage event. */
export function addEvent(store: Store, event: EventRecord): void {
  store.events.push(event);
  indexEvent(indexOf(store), event);
}

/** Store an adjustment's idempotency record (`transaction_id` already lower-case). */
export function addAdjustment(store: Store, record: AdjustmentRecord): void {
  store.adjustments.push(record);
  indexOf(store).adjustments.set(`${record.customer_id}|${record.transaction_id}`, record);
}

/** Store a new portal session. */
export function addPortalSession(store: Store, session: PortalSessionRecord): void {
  store.portalSessions.push(session);
  indexOf(store).portalSessions.set(session.id, session);
}

/** Schedule a new credit grant's expiry (grants without `expires_at` never lapse). */
export function addGrantExpiry(store: Store, account: AccountRecord, grant: GrantRecord): void {
  scheduleGrant(indexOf(store), account, grant);
}
