import { z } from "zod";
import type { Ctx } from "../context";
import { fieldError, json, problem } from "../http";
import { findCustomer } from "../ops";
import { parseBody } from "../parse";
import { paging, param, type RouteTable } from "../router";
import { httpUrl } from "../schemas";
import { type CustomerRecord, ensureAccount } from "../state";
import { addCustomer, indexOf } from "../store-index";
import { isoTimestamp } from "../time";
import { customerToApi, page } from "../wire";

const createCustomer = z.object({
  name: z.string().trim().min(1, "The name field is required."),
  external_id: z.string().min(1).max(256).optional(),
  email: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, "Must be an email address.")
    .optional(),
  subscriptions: z
    .array(
      z.object({
        products: z
          .array(
            z.object({
              code: z.string().min(1),
              version: z.union([z.number().int().min(1), z.literal("default")]).optional(),
            }),
          )
          .min(1),
        return_url: httpUrl.optional(),
        failure_url: httpUrl.optional(),
        redirect_to: z.literal("return_url").optional(),
      }),
    )
    .optional(),
});

/** `POST /customers`, `GET /customers[?external_id=]`, `GET /customers/{id}`. */
export function customerRoutes(routes: RouteTable, ctx: Ctx): void {
  routes.add("POST", "/customers", async (c) => {
    const parsed = await parseBody(c.req.raw, createCustomer);
    if (!parsed.ok) return parsed.response;
    const body = parsed.data;
    if (body.external_id !== undefined && indexOf(ctx.store).customersByExternalId.has(body.external_id)) {
      return fieldError("external_id", `A customer with external_id '${body.external_id}' already exists.`);
    }
    const now = isoTimestamp(ctx.now());
    const subscriptions: CustomerRecord["subscriptions"] = [];
    const errors: Record<string, string[]> = {};
    for (const [i, sub] of (body.subscriptions ?? []).entries()) {
      const products: CustomerRecord["subscriptions"][number]["products"] = [];
      for (const [j, ref] of sub.products.entries()) {
        const product = ctx.store.products.find((p) => p.code === ref.code);
        const field = `subscriptions[${i}].products[${j}]`;
        if (!product) errors[`${field}.code`] = [`Product '${ref.code}' does not exist.`];
        else if (typeof ref.version === "number" && ref.version !== product.version) {
          errors[`${field}.version`] = [`Product '${ref.code}' has no version ${ref.version}.`];
        } else products.push({ id: product.id, code: product.code, version: product.version });
      }
      subscriptions.push({ started_at: now, products });
    }
    if (Object.keys(errors).length) return problem(422, undefined, { errors });
    const customer: CustomerRecord = {
      id: ctx.id("cust"),
      name: body.name,
      created_at: now,
      subscriptions,
      accounts: [],
      ...(body.external_id !== undefined ? { external_id: body.external_id } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
    };
    // Subscribing provisions one account per asset the products price in.
    for (const sub of subscriptions) {
      for (const ref of sub.products) {
        const product = ctx.store.products.find((p) => p.id === ref.id);
        for (const price of product?.prices ?? []) ensureAccount(customer, "default", price.asset);
      }
    }
    addCustomer(ctx.store, customer);
    ctx.changed();
    return json({ id: customer.id }, 201);
  });

  routes.add("GET", "/customers", (c) => {
    const p = paging(c);
    if ("errors" in p) return problem(422, undefined, { errors: p.errors });
    const externalId = c.req.query("external_id");
    const match = externalId === undefined ? undefined : indexOf(ctx.store).customersByExternalId.get(externalId);
    if (externalId !== undefined && ctx.readings.externalIdLookup === "object") {
      return match ? json(customerToApi(match)) : problem(404, `No customer has external_id '${externalId}'.`);
    }
    const matches = externalId === undefined ? ctx.store.customers : match ? [match] : [];
    return json(page(matches, p.offset, p.limit, customerToApi));
  });

  routes.add("GET", "/customers/:customerId", (c) => {
    const customer = findCustomer(ctx, param(c, "customerId"));
    if (!customer) return problem(404, `Customer '${param(c, "customerId")}' was not found.`);
    return json(customerToApi(customer));
  });
}
