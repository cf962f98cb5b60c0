import { z } from "zod";
import { baseUrl, type Ctx } from "../context";
import { json, problem } from "../http";
import { findCustomer } from "../ops";
import { parseBody } from "../parse";
import { createPortalLink } from "../portal-session";
import type { RouteTable } from "../router";
import { customerId, httpUrl } from "../schemas";

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
