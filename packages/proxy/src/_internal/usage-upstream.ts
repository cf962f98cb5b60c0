import { CredytError } from "@credyt/core";
import { containsSecret } from "./contains-secret";
import { isObject } from "./is-object";
import { callUpstream, type UpstreamAccess, UpstreamFailure } from "./upstream";

/** A usage event as the proxy forwards it: only what the customer may see (no `data`, no ids of others). */
export interface UpstreamUsageEvent {
  id: string;
  event_type: string;
  occurred_at: string;
  subject?: string;
  description?: string;
  fees: { amount: number; asset: string; product_code?: string }[];
}

/** One page of Credyt's `GET /events`, reduced to what the protocol carries. */
export interface UpstreamEventPage {
  items: UpstreamUsageEvent[];
  totalCount: number;
}

function invalidUpstream(reason: string): CredytError {
  return new CredytError("upstream_error", "The billing service sent an invalid response.", {
    cause: new UpstreamFailure(`Credyt's response failed validation: ${reason}`),
  });
}

const text = (v: unknown, max: number): v is string => typeof v === "string" && v !== "" && v.length <= max;

/** Picks the protocol's fields from one Credyt event; throws `upstream_error` on a malformed one. */
function toUsageEvent(value: unknown, index: number): UpstreamUsageEvent {
  if (!isObject(value)) throw invalidUpstream(`items[${index}] is not an object`);
  const { id, event_type, occurred_at, subject, description, fees } = value;
  if (!text(id, 128) || !text(event_type, 256) || !text(occurred_at, 64) || Number.isNaN(Date.parse(occurred_at)))
    throw invalidUpstream(`items[${index}] lacks id, event_type or occurred_at`);
  if (!Array.isArray(fees ?? [])) throw invalidUpstream(`items[${index}].fees is not an array`);
  const event: UpstreamUsageEvent = { id, event_type, occurred_at, fees: [] };
  if (text(subject, 256)) event.subject = subject;
  if (text(description, 1000)) event.description = description;
  for (const [i, fee] of ((fees ?? []) as unknown[]).entries()) {
    if (!isObject(fee) || typeof fee.amount !== "number" || !Number.isFinite(fee.amount) || !text(fee.asset, 32))
      throw invalidUpstream(`items[${index}].fees[${i}] needs a finite amount and an asset`);
    const out: UpstreamUsageEvent["fees"][number] = { amount: fee.amount, asset: fee.asset };
    if (text(fee.product_code, 128)) out.product_code = fee.product_code;
    event.fees.push(out);
  }
  return event;
}

/** The usage calls the proxy makes to Credyt, beside those of `endpoints()`. */
export function usageEndpoints(access: UpstreamAccess) {
  const checkSecret = (json: unknown, raw: string) => {
    if (raw.includes(access.apiKey) || containsSecret(json, access.apiKey)) throw invalidUpstream("unexpected content");
  };
  return {
    /** `GET /events?customer_id=&to=&from=&offset=&limit=`: newest first (the emulator's documented order). */
    async listEvents(
      query: { customerId: string; offset: number; limit: number; from?: number; to?: number },
      requestId?: string,
    ): Promise<UpstreamEventPage> {
      const search = new URLSearchParams({
        customer_id: query.customerId,
        offset: String(query.offset),
        limit: String(query.limit),
      });
      if (query.from !== undefined) search.set("from", new Date(query.from).toISOString());
      if (query.to !== undefined) search.set("to", new Date(query.to).toISOString());
      const response = await callUpstream(access, { method: "GET", path: `/events?${search}`, requestId });
      checkSecret(response.json, response.text);
      const body = response.json;
      if (!isObject(body) || !Array.isArray(body.items)) throw invalidUpstream("items is not an array");
      const total = typeof body.total_count === "number" ? body.total_count : undefined;
      const items = body.items.map(toUsageEvent);
      return { items, totalCount: total ?? query.offset + items.length };
    },
    /** The asset's precision (decimal places of its units), from `GET /assets/{code}`. */
    async assetPrecision(code: string, requestId?: string): Promise<number> {
      const response = await callUpstream(access, {
        method: "GET",
        path: `/assets/${encodeURIComponent(code)}`,
        requestId,
      });
      const precision = isObject(response.json) ? response.json.precision : undefined;
      if (typeof precision !== "number" || !Number.isInteger(precision) || precision < 0 || precision > 18)
        throw invalidUpstream("the asset has no precision from 0 to 18");
      return precision;
    },
    /** Credyt's `POST /assets/{code}/quote {source, amount}`: the units a top-up of `amount` credits. */
    async quote(code: string, source: string, amount: number, requestId?: string): Promise<{ units: number }> {
      const response = await callUpstream(access, {
        method: "POST",
        path: `/assets/${encodeURIComponent(code)}/quote`,
        body: { source, amount },
        requestId,
      });
      checkSecret(response.json, response.text);
      const body = response.json;
      if (!isObject(body)) throw invalidUpstream("the quote is not an object");
      const { units } = body;
      if (typeof units !== "number" || !Number.isFinite(units) || units < 0)
        throw invalidUpstream("the quote has no finite units");
      return { units };
    },
  };
}
