import { z } from "zod";
import type { Ctx } from "../_internal/context";
import { json, problem } from "../_internal/http";
import { dec } from "../_internal/money";
import { chargeAccount, findCustomer } from "../_internal/ops";
import { parseBody } from "../_internal/parse";
import { paging, param, type RouteTable } from "../_internal/router";
import { customerId, timestamp, uuid } from "../_internal/schemas";
import type { CustomerRecord, EventRecord, FeeRecord } from "../_internal/state";
import { isoTimestamp } from "../_internal/time";
import { eventToWire, page } from "../_internal/wire";

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

/** Fees for an event: every price of the customer's subscribed products that matches its `event_type`. */
function bill(ctx: Ctx, customer: CustomerRecord, eventType: string, data: Record<string, unknown> | undefined) {
  const fees: FeeRecord[] = [];
  for (const sub of customer.subscriptions) {
    for (const ref of sub.products) {
      const product = ctx.store.products.find((p) => p.id === ref.id);
      for (const price of product?.prices ?? []) {
        if (price.event_type !== eventType) continue;
        let volume = dec(1);
        if (price.volume_field) {
          const raw = data?.[price.volume_field];
          if (typeof raw !== "number" || !Number.isFinite(raw)) continue;
          volume = dec(raw);
        }
        const amount = price.unit_price.mul(volume);
        const account = chargeAccount(customer, "default", price.asset, amount);
        fees.push({
          amount,
          asset: price.asset,
          account_id: account,
          product_id: ref.id,
          product_code: ref.code,
          product_version: ref.version,
        });
      }
    }
  }
  return fees;
}

/** `POST /events` (bills and debits at once, idempotent per event id), `GET /events`, `GET /events/{id}`. */
export function eventRoutes(routes: RouteTable, ctx: Ctx): void {
  routes.add("POST", "/events", async (c) => {
    const parsed = await parseBody(c.req.raw, usageBody);
    if (!parsed.ok) return parsed.response;
    const customer = findCustomer(ctx, parsed.data.customer_id);
    if (!customer) return problem(404, `Customer '${parsed.data.customer_id}' was not found.`);
    const items: EventRecord[] = [];
    for (const e of parsed.data.events) {
      const eventId = e.id.toLowerCase();
      const replay = ctx.store.events.find((x) => x.customer_id === customer.id && x.id.toLowerCase() === eventId);
      if (replay) {
        items.push(replay);
        continue;
      }
      const record: EventRecord = {
        ...e,
        customer_id: customer.id,
        created_at: isoTimestamp(ctx.now()),
        fees: bill(ctx, customer, e.event_type, e.data),
      };
      ctx.store.events.push(record);
      items.push(record);
    }
    ctx.changed();
    return json({ items: items.map(eventToWire) }, 201);
  });

  routes.add("GET", "/events", (c) => {
    const p = paging(c);
    if ("errors" in p) return problem(422, undefined, { errors: p.errors });
    const customer = c.req.query("customer_id");
    const list = ctx.store.events.filter((e) => customer === undefined || e.customer_id === customer);
    return json(page(list.map(eventToWire), p.offset, p.limit));
  });

  routes.add("GET", "/events/:eventId", (c) => {
    const e = ctx.store.events.find((x) => x.id.toLowerCase() === param(c, "eventId").toLowerCase());
    if (!e) return problem(404, `Event '${param(c, "eventId")}' was not found.`);
    return json(eventToWire(e));
  });
}
