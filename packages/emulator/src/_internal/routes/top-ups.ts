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
    const p = paging(c);
    if ("errors" in p) return problem(422, undefined, { errors: p.errors });
    const customer = c.req.query("customer_id");
    const list = customer === undefined ? ctx.store.topUps : (indexOf(ctx.store).topUpsByCustomer.get(customer) ?? []);
    return json(page(list, p.offset, p.limit, (t) => topUpToApi(t, undefined)));
  });

  routes.add("GET", "/top-ups/:topUpId", async (c) => {
    const t = indexOf(ctx.store).topUps.get(param(c, "topUpId"));
    if (!t) return problem(404, `Top-up '${param(c, "topUpId")}' was not found.`);
    const link = t.status === "initiated" ? await topUpRedirectUrl(ctx, baseUrl(ctx, c.req.raw), t) : undefined;
    return json(topUpToApi(t, link));
  });
}
