import { z } from "zod";
import { baseUrl, type Ctx } from "../_internal/context";
import { json, problem } from "../_internal/http";
import { findCustomer, PORTAL_TTL_MS } from "../_internal/ops";
import { parseBody } from "../_internal/parse";
import type { RouteTable } from "../_internal/router";
import { customerId, httpUrl } from "../_internal/schemas";
import { addPortalSession } from "../_internal/store-index";
import { isoSeconds } from "../_internal/time";
import { signToken } from "../_internal/tokens";

const createSession = z.object({ customer_id: customerId, return_url: httpUrl, failure_url: httpUrl });

/** Create a portal session and its signed link (valid 10 minutes, to the second). */
export async function createPortalLink(
  ctx: Ctx,
  base: string,
  input: { customer_id: string; return_url: string; failure_url: string },
): Promise<{ redirect_url: string; expires_at: string }> {
  // Seconds precision, as in Credyt's example: the token's `exp` equals `expires_at`.
  const expires = new Date(Math.floor((ctx.now().getTime() + PORTAL_TTL_MS) / 1000) * 1000);
  const session = { id: ctx.id("bps"), ...input, expires_at: isoSeconds(expires) };
  addPortalSession(ctx.store, session);
  ctx.changed();
  const token = await signToken(ctx, { purpose: "portal-session-redirect", session_id: session.id, ...input }, expires);
  return { redirect_url: `${base}/api/sign-in?token=${token}`, expires_at: session.expires_at };
}

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
