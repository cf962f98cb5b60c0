import { CredytError } from "@credyt/core";
import { bodyCarriesSecret } from "./contains-secret";
import { type Big, exactDecimal, formatDecimal } from "./decimal";
import { isObject } from "./is-object";
import { JsonDecimal, parseJsonExact } from "./json-exact";
import { callUpstream, type UpstreamAccess, UpstreamFailure } from "./upstream";

/** One fee of a usage event. `asset` is `undefined` when Credyt's fee names none the proxy can read. */
export interface UpstreamFee {
  /** The amount exactly as Credyt wrote it, in plain digits (a JSON number literal, never a rounded double). */
  amount: string;
  asset: string | undefined;
  product_code?: string;
}

/** A usage event as the proxy reads it: only what the customer may see (no `data`, no ids of others). */
export interface UpstreamUsageEvent {
  id: string;
  event_type: string;
  occurred_at: string;
  /** `occurred_at` in ms since the epoch: what the proxy orders and filters by. */
  at: number;
  subject?: string;
  description?: string;
  /** `undefined` when the list item carried no `fees` (read them from `GET /events/{id}`). */
  fees: UpstreamFee[] | undefined;
}

/** One page of Credyt's `GET /events`: its items, and `total_count` when Credyt sends one. */
export interface UpstreamEventPage {
  items: UpstreamUsageEvent[];
  totalCount: number | undefined;
}

/** A custom asset as `GET /assets/{code}` documents it: decimal places and its rates (currency per unit). */
export interface UpstreamAsset {
  precision: number;
  rates: { source: string; rate: Big }[];
}

function invalidUpstream(reason: string): CredytError {
  return new CredytError("upstream_error", "The billing service sent an invalid response.", {
    cause: new UpstreamFailure(`Credyt's response failed validation: ${reason}`),
  });
}

const text = (v: unknown, max: number): v is string => typeof v === "string" && v !== "" && v.length <= max;
const ASSET = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/**
 * The asset of a fee from what Credyt gives: `asset`, else the `ASSET` of an `account_id` such as
 * `default:USD`, else a `currency` or `asset_code` field. Credyt evidences only `amount` and
 * `product_version`, so `undefined` (unknown) is a real answer, never guessed.
 */
function feeAsset(fee: Record<string, unknown>): string | undefined {
  if (text(fee.asset, 32) && ASSET.test(fee.asset)) return fee.asset;
  if (text(fee.account_id, 100)) {
    const asset = fee.account_id.slice(fee.account_id.indexOf(":") + 1);
    if (fee.account_id.includes(":") && ASSET.test(asset)) return asset.toUpperCase();
  }
  for (const name of ["currency", "asset_code"]) {
    const value = fee[name];
    if (text(value, 32) && ASSET.test(value)) return value;
  }
  return undefined;
}

function toFees(fees: unknown, where: string): UpstreamFee[] {
  if (!Array.isArray(fees)) throw invalidUpstream(`${where}.fees is not an array`);
  return fees.map((fee, i) => {
    if (!isObject(fee) || !(fee.amount instanceof JsonDecimal))
      throw invalidUpstream(`${where}.fees[${i}] needs a finite amount`);
    const out: UpstreamFee = { amount: formatDecimal(fee.amount.toBig()), asset: feeAsset(fee) };
    if (text(fee.product_code, 128)) out.product_code = fee.product_code;
    return out;
  });
}

/** Picks the protocol's fields from one Credyt event; throws `upstream_error` on a malformed one. */
function toUsageEvent(value: unknown, where: string): UpstreamUsageEvent {
  if (!isObject(value)) throw invalidUpstream(`${where} is not an object`);
  const { id, event_type, occurred_at, subject, description, fees } = value;
  const at = text(occurred_at, 64) ? Date.parse(occurred_at) : Number.NaN;
  if (!text(id, 128) || !text(event_type, 256) || !text(occurred_at, 64) || Number.isNaN(at))
    throw invalidUpstream(`${where} lacks id, event_type or occurred_at`);
  const event: UpstreamUsageEvent = { id, event_type, occurred_at, at, fees: undefined };
  if (text(subject, 256)) event.subject = subject;
  if (text(description, 1000)) event.description = description;
  if (fees !== undefined && fees !== null) event.fees = toFees(fees, where);
  return event;
}

/** Fees read from `GET /events/{id}` kept at most (events never change once billed). */
const FEE_CACHE_SIZE = 10_000;

/** How long a complete ordered history serves the later pages of a paging, and for how many customers. */
const HISTORY_TTL_MS = 10_000;
const HISTORIES_KEPT = 200;

/** Credyt's body with every number kept exactly as written (fee amounts past 16 significant digits). */
function exactBody(text: string): unknown {
  try {
    return parseJsonExact(text);
  } catch {
    throw invalidUpstream("the body is not JSON");
  }
}

/** The usage calls the proxy makes to Credyt, beside those of `endpoints()`. */
export function usageEndpoints(access: UpstreamAccess) {
  const checkSecret = (json: unknown, raw: string) => {
    if (bodyCarriesSecret(raw, json, access.apiKey)) throw invalidUpstream("unexpected content");
  };
  const feeCache = new Map<string, UpstreamFee[]>();
  const histories = new Map<string, { at: number; events: UpstreamUsageEvent[] }>();
  return {
    /**
     * A customer's ordered history read in the last {@link HISTORY_TTL_MS}, for the later pages of one
     * paging (their cursors name events, so a slightly older read never repeats or skips one).
     */
    recentHistory(customerId: string): UpstreamUsageEvent[] | undefined {
      const kept = histories.get(customerId);
      return kept && Date.now() - kept.at <= HISTORY_TTL_MS ? kept.events : undefined;
    },
    rememberHistory(customerId: string, events: UpstreamUsageEvent[]): void {
      histories.delete(customerId);
      if (histories.size >= HISTORIES_KEPT) histories.delete(histories.keys().next().value as string);
      histories.set(customerId, { at: Date.now(), events });
    },
    /**
     * `GET /events?customer_id=&offset=&limit=`: nothing else is sent, since Credyt documents no time
     * filter and no order; the caller orders and filters by `occurred_at` itself.
     */
    async listEvents(
      query: { customerId: string; offset: number; limit: number },
      requestId?: string,
      hostSignal?: AbortSignal,
    ): Promise<UpstreamEventPage> {
      const search = new URLSearchParams({
        customer_id: query.customerId,
        offset: String(query.offset),
        limit: String(query.limit),
      });
      const response = await callUpstream(access, { method: "GET", path: `/events?${search}`, requestId, hostSignal });
      checkSecret(response.json, response.text);
      const body = exactBody(response.text);
      if (!isObject(body) || !Array.isArray(body.items)) throw invalidUpstream("items is not an array");
      const total = body.total_count instanceof JsonDecimal ? body.total_count.toNumber() : undefined;
      const totalCount = total !== undefined && Number.isSafeInteger(total) && total >= 0 ? total : undefined;
      return { items: body.items.map((item, i) => toUsageEvent(item, `items[${i}]`)), totalCount };
    },
    /** An event's fees from `GET /events/{id}`, cached by id (a billed event's fees never change). */
    async eventFees(eventId: string, requestId?: string, hostSignal?: AbortSignal): Promise<UpstreamFee[]> {
      const cached = feeCache.get(eventId);
      if (cached) return cached;
      const response = await callUpstream(access, {
        method: "GET",
        path: `/events/${encodeURIComponent(eventId)}`,
        requestId,
        hostSignal,
      });
      checkSecret(response.json, response.text);
      const body = exactBody(response.text);
      if (!isObject(body) || body.id !== eventId) throw invalidUpstream(`GET /events/{id} is not event ${eventId}`);
      const fees = toFees(body.fees ?? [], "event");
      if (feeCache.size >= FEE_CACHE_SIZE) feeCache.delete(feeCache.keys().next().value as string);
      feeCache.set(eventId, fees);
      return fees;
    },
    /** `GET /assets/{code}`: its precision and rates (`rate` = price of one unit in `source`, as documented). */
    async getAsset(code: string, requestId?: string, hostSignal?: AbortSignal): Promise<UpstreamAsset> {
      const response = await callUpstream(access, {
        method: "GET",
        path: `/assets/${encodeURIComponent(code)}`,
        requestId,
        hostSignal,
      });
      const body = isObject(response.json) ? response.json : {};
      const { precision } = body;
      if (typeof precision !== "number" || !Number.isInteger(precision) || precision < 0 || precision > 18)
        throw invalidUpstream("the asset has no precision from 0 to 18");
      const rates: UpstreamAsset["rates"] = [];
      for (const entry of Array.isArray(body.rates) ? body.rates : []) {
        if (!isObject(entry) || !text(entry.source, 8)) continue;
        const { rate } = entry;
        if (typeof rate === "number" && Number.isFinite(rate) && rate > 0)
          rates.push({ source: entry.source, rate: exactDecimal(rate) });
      }
      return { precision, rates };
    },
    /**
     * Credyt's `POST /assets/{code}/quote {source, amount}`: the units a top-up of `amount` credits, only
     * when the answer is recognisably shaped (`units`, a finite number, and the asked `asset`/`source` when
     * it names them); `undefined` for any other shape, since its fields are undocumented.
     */
    async quote(
      code: string,
      source: string,
      amount: number,
      requestId?: string,
      hostSignal?: AbortSignal,
    ): Promise<number | undefined> {
      const response = await callUpstream(access, {
        method: "POST",
        path: `/assets/${encodeURIComponent(code)}/quote`,
        body: { source, amount },
        requestId,
        hostSignal,
      });
      checkSecret(response.json, response.text);
      const body = response.json;
      if (!isObject(body)) return undefined;
      const { units } = body;
      if (typeof units !== "number" || !Number.isFinite(units) || units < 0) return undefined;
      if (body.asset !== undefined && String(body.asset).toUpperCase() !== code.toUpperCase()) return undefined;
      if (body.source !== undefined && String(body.source).toUpperCase() !== source.toUpperCase()) return undefined;
      return units;
    },
  };
}
