import { z } from "zod";
import { baseUrl, type Ctx } from "../context";
import { fieldError, json, problem } from "../http";
import { parseBody } from "../parse";
import { paging, param, type RouteTable } from "../router";
import { amount, currencyCode, customerId, httpUrl, metadata, timestamp } from "../schemas";
import { indexOf } from "../store-index";
import { createTopUp, topUpRedirectUrl } from "../top-up";
import { page, topUpToApi } from "../wire";

const createTopUpBody = z.object({
  customer_id: customerId,
  amount: amount
    .refine((n) => n > 0, "Must be greater than 0.")
    .refine((n) => n <= 1_000_000, "Must be at most 1000000."),
  currency: currencyCode,
  description: z.string().max(500).optional(),
  destination: z
    .object({
      account_name: z.string().min(1).max(64).optional(),
      asset: z.string().min(1).optional(),
      exchange_rate: amount.refine((n) => n > 0, "Must be greater than 0.").optional(),
    })
    .optional(),
  credit_expires_at: timestamp.optional(),
  return_url: httpUrl,
  failure_url: httpUrl,
  metadata: metadata.optional(),
});

/** The answer of a route the `topUpList` reading says Credyt lacks: 404, or 405 allowing only POST. */
function unserved(reading: Ctx["readings"]["topUpList"], route: string): Response | undefined {
  if (reading === "404") return problem(404, `No route for ${route}.`);
  if (reading === "405") return problem(405, `Use POST for ${route}.`, { headers: { allow: "POST" } });
  return undefined;
}

/** `POST /top-ups`, and the emulator extensions `GET /top-ups/{id}` and `GET /top-ups?customer_id=`. */
export function topUpRoutes(routes: RouteTable, ctx: Ctx): void {
  routes.add("POST", "/top-ups", async (c) => {
    const parsed = await parseBody(c.req.raw, createTopUpBody);
    if (!parsed.ok) return parsed.response;
    const result = createTopUp(ctx, parsed.data);
    if (!result.ok)
      return result.status === 404 ? problem(404, result.message) : fieldError(result.field, result.message);
    const t = result.topUp;
    return json(
      {
        id: t.id,
        status: t.status,
        redirect_url: await topUpRedirectUrl(ctx, baseUrl(ctx, c.req.raw), t),
        created_at: t.created_at,
        expires_at: t.expires_at,
      },
      201,
    );
  });

  routes.add("GET", "/top-ups", (c) => {
    const reading = ctx.readings.topUpList;
    const absent = unserved(reading, "GET /top-ups");
    if (absent) return absent;
    const p = paging(c);
    if ("errors" in p) return problem(422, undefined, { errors: p.errors });
    const customer = reading === "ignores-customer" ? undefined : c.req.query("customer_id");
    let list = customer === undefined ? ctx.store.topUps : (indexOf(ctx.store).topUpsByCustomer.get(customer) ?? []);
    if (reading === "newest-first") list = [...list].reverse();
    return json(
      page(list, p.offset, p.limit, (t) => {
        const wire = topUpToApi(t, undefined);
        if (reading === "no-metadata") delete wire.metadata;
        return wire;
      }),
    );
  });

  routes.add("GET", "/top-ups/:topUpId", async (c) => {
    const absent = unserved(ctx.readings.topUpList, "GET /top-ups/{id}");
    if (absent) return absent;
    const t = indexOf(ctx.store).topUps.get(param(c, "topUpId"));
    if (!t) return problem(404, `Top-up '${param(c, "topUpId")}' was not found.`);
    const link = t.status === "initiated" ? await topUpRedirectUrl(ctx, baseUrl(ctx, c.req.raw), t) : undefined;
    return json(topUpToApi(t, link));
  });
}
