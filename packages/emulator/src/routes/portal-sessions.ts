import { z } from "zod";
import { baseUrl, type Ctx } from "../_internal/context";
import { json, problem } from "../_internal/http";
import { findCustomer } from "../_internal/ops";
import { parseBody } from "../_internal/parse";
import { createPortalLink } from "../_internal/portal-session";
import type { RouteTable } from "../_internal/router";
import { customerId, httpUrl } from "../_internal/schemas";

const createSession = z.object({ customer_id: customerId, return_url: httpUrl, failure_url: httpUrl });

/** `POST /billing-portal/sessions`. */
export function portalSessionRoutes(routes: RouteTable, ctx: Ctx): void {
  routes.add("POST", "/billing-portal/sessions", async (c) => {
    const parsed = await parseBody(c.req.raw, createSession);
    if (!parsed.ok) return parsed.response;
    if (!findCustomer(ctx, parsed.data.customer_id)) {
      return problem(404, `Customer '${parsed.data.customer_id}' was not found.`);
    }
    return json(await createPortalLink(ctx, baseUrl(ctx, c.req.raw), parsed.data), 201);
  });
}
