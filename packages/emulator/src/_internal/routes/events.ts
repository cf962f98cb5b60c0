import { z } from "zod";
import type { Ctx } from "../context";
import { fieldError, json, problem } from "../http";
import { amountProblem, balanceFits, balanceLimitMessage, type Decimal, dec, withinCap } from "../money";
import { chargeAccount, findCustomer } from "../ops";
import { parseBody } from "../parse";
import { paging, param, type RouteTable } from "../router";
import { customerId, timestamp, uuid } from "../schemas";
import { type CustomerRecord, type EventRecord, type FeeRecord, findAccount } from "../state";
import { addEvent, boundAt, indexOf } from "../store-index";
import { isoTimestamp, parseTimestamp } from "../time";
import { eventToApi } from "../wire";

const usageBody = z.object({
  customer_id: customerId,
  events: z
    .array(
      z.object({
        id: uuid,
        event_type: z.string().min(1, "The event_type field is required."),
        occurred_at: timestamp,
        subject: z.string().max(256).optional(),
        description: z.string().max(1000).optional(),
        data: z.record(z.string(), z.unknown()).optional(),
        costs: z.array(z.unknown()).optional(),
      }),
    )
    .min(1, "Send at least one event.")
    .max(1000, "Send at most 1000 events per request."),
});

/** A fee to charge: an amount of `asset` for one product's price, and the field its volume came from. */
interface PlannedFee {
  amount: Decimal;
  asset: string;
  field: string;
  ref: CustomerRecord["subscriptions"][number]["products"][number];
}

/**
 * Fees for an event: every price of the customer's subscribed products that matches its `event_type`.
 * A volume must be a number from 0 to 1e12 with at most 12 decimal places (a negative one would credit
 * the account); a non-numeric or missing volume leaves that price unbilled.
 */
function plan(
  ctx: Ctx,
  customer: CustomerRecord,
  eventType: string,
  data: Record<string, unknown> | undefined,
  at: string,
): { fees: PlannedFee[] } | { field: string; message: string } {
  const fees: PlannedFee[] = [];
  for (const sub of customer.subscriptions) {
    for (const ref of sub.products) {
      const product = ctx.store.products.find((p) => p.id === ref.id);
      for (const price of product?.prices ?? []) {
        if (price.event_type !== eventType) continue;
        let volume = dec(1);
        let field = at;
        if (price.volume_field) {
          field = `${at}.data.${price.volume_field}`;
          const raw = data?.[price.volume_field];
          if (typeof raw !== "number") continue;
          const message = raw < 0 ? "Must be at least 0." : amountProblem(raw);
          if (message) return { field, message };
          volume = dec(raw);
        }
        fees.push({ amount: price.unit_price.mul(volume), asset: price.asset, field, ref });
      }
    }
  }
  return { fees };
}

/**
 * `POST /events` (bills and debits at once, idempotent per event id), `GET /events` (newest `occurred_at`
 * first; `customer_id`, `from` (inclusive) and `to` (exclusive) filters; `offset` / `limit`), `GET /events/{id}`.
 * The order, the filters, `total_count` and the fees of listed events follow the emulator's readings.
 */
export function eventRoutes(routes: RouteTable, ctx: Ctx): void {
  routes.add("POST", "/events", async (c) => {
    const parsed = await parseBody(c.req.raw, usageBody);
    if (!parsed.ok) return parsed.response;
    const customer = findCustomer(ctx, parsed.data.customer_id);
    if (!customer) return problem(404, `Customer '${parsed.data.customer_id}' was not found.`);
    // Plan every event first and check the balances it would leave, so a refused request changes nothing.
    const stored = indexOf(ctx.store);
    const planned: { index: number; fees: PlannedFee[] }[] = [];
    const seen = new Set<string>();
    const projected = new Map<string, Decimal>();
    for (const [index, e] of parsed.data.events.entries()) {
      const eventId = e.id.toLowerCase();
      if (seen.has(eventId) || stored.events.has(`${customer.id}|${eventId}`)) continue;
      seen.add(eventId);
      const result = plan(ctx, customer, e.event_type, e.data, `events[${index}]`);
      if ("message" in result) return fieldError(result.field, result.message);
      for (const fee of result.fees) {
        const id = `default:${fee.asset}`;
        const account = findAccount(customer, id);
        const after = (projected.get(id) ?? account?.available ?? dec(0)).minus(fee.amount);
        if (!withinCap(fee.amount) || !balanceFits(after, account?.pending_in ?? dec(0))) {
          return fieldError(fee.field, balanceLimitMessage(id));
        }
        projected.set(id, after);
      }
      planned.push({ index, fees: result.fees });
    }
    const fresh = new Map(planned.map((p) => [p.index, p.fees]));
    const items: EventRecord[] = [];
    for (const [index, e] of parsed.data.events.entries()) {
      const fees = fresh.get(index);
      if (!fees) {
        const eventId = e.id.toLowerCase();
        const replay = stored.events.get(`${customer.id}|${eventId}`);
        if (replay) items.push(replay);
        continue;
      }
      const record: EventRecord = {
        ...e,
        customer_id: customer.id,
        created_at: isoTimestamp(ctx.now()),
        fees: fees.map(
          (fee): FeeRecord => ({
            amount: fee.amount,
            asset: fee.asset,
            account_id: chargeAccount(customer, "default", fee.asset, fee.amount),
            product_id: fee.ref.id,
            product_code: fee.ref.code,
            product_version: fee.ref.version,
          }),
        ),
      };
      addEvent(ctx.store, record);
      items.push(record);
    }
    ctx.changed();
    return json({ items: items.map((e) => eventToApi(e, ctx.readings, true)) }, 201);
  });

  routes.add("GET", "/events", (c) => {
    const p = paging(c);
    const errors = "errors" in p ? { ...p.errors } : {};
    const range: { from?: number; to?: number } = {};
    const filters = ctx.readings.eventTimeFilters;
    const names =
      filters === "other-names" ? (["occurred_after", "occurred_before"] as const) : (["from", "to"] as const);
    if (filters !== "ignored") {
      for (const [i, name] of names.entries()) {
        const raw = c.req.query(name);
        if (raw === undefined) continue;
        const at = parseTimestamp(raw);
        if (at) range[i === 0 ? "from" : "to"] = at.getTime();
        else errors[name] = [`The value '${raw}' is not valid for ${name}: use an ISO-8601 timestamp with a zone.`];
      }
    }
    if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
      errors[names[1]] = [`Must not be before ${names[0]}.`];
    }
    if (Object.keys(errors).length || "errors" in p) return problem(422, undefined, { errors });
    const customerId = c.req.query("customer_id");
    const stored = indexOf(ctx.store);
    if (customerId !== undefined && !stored.customers.has(customerId)) {
      return problem(404, `Customer '${customerId}' was not found.`);
    }
    const list = customerId === undefined ? stored.eventsByTime : (stored.eventsByCustomer.get(customerId) ?? []);
    // Time-sorted lists: the range is two binary searches, and a page is read newest first.
    const lo = range.from === undefined ? 0 : boundAt(list, range.from);
    const hi = range.to === undefined ? list.length : boundAt(list, range.to);
    const items: EventRecord[] = [];
    const order = ctx.readings.eventsOrder;
    if (order === "newest-first") {
      for (let i = hi - 1 - p.offset; i >= lo && items.length < p.limit; i--) items.push(list[i] as EventRecord);
    } else if (order === "oldest-first") {
      for (let i = lo + p.offset; i < hi && items.length < p.limit; i++) items.push(list[i] as EventRecord);
    } else {
      // As created: the store keeps events in the order they were posted.
      const inRange = (e: EventRecord) => {
        const at = Date.parse(e.occurred_at);
        return (range.from === undefined || at >= range.from) && (range.to === undefined || at < range.to);
      };
      const created = ctx.store.events.filter(
        (e) => (customerId === undefined || e.customer_id === customerId) && inRange(e),
      );
      items.push(...created.slice(p.offset, p.offset + p.limit));
    }
    const listed = items.map((e) => eventToApi(e, ctx.readings, ctx.readings.listFees === "present"));
    return json({
      items: listed,
      ...(ctx.readings.eventsTotalCount === "present" ? { total_count: Math.max(hi - lo, 0) } : {}),
      limit: p.limit,
      offset: p.offset,
    });
  });

  routes.add("GET", "/events/:eventId", (c) => {
    const e = indexOf(ctx.store).eventsById.get(param(c, "eventId").toLowerCase());
    if (!e) return problem(404, `Event '${param(c, "eventId")}' was not found.`);
    return json(eventToApi(e, ctx.readings, true));
  });
}
