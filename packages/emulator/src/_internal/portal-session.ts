import type { Ctx } from "./context";
import { PORTAL_TTL_MS } from "./ops";
import { addPortalSession } from "./store-index";
import { isoSeconds } from "./time";
import { signToken } from "./tokens";

/** What a billing portal session is opened with (the `POST /billing-portal/sessions` body). */
interface PortalSessionInput {
  customer_id: string;
  return_url: string;
  failure_url: string;
}

/**
 * Create a portal session and its signed link (valid 10 minutes, to the second): the
 * `POST /billing-portal/sessions` answer, and where checkout sends a customer after paying.
 */
export async function createPortalLink(
  ctx: Ctx,
  base: string,
  input: PortalSessionInput,
): Promise<{ redirect_url: string; expires_at: string }> {
  // Seconds precision, as in Credyt's example: the token's `exp` equals `expires_at`.
  const expires = new Date(Math.floor((ctx.now().getTime() + PORTAL_TTL_MS) / 1000) * 1000);
  const session = { id: ctx.id("bps"), ...input, expires_at: isoSeconds(expires) };
  addPortalSession(ctx.store, session);
  ctx.changed();
  const token = await signToken(ctx, { purpose: "portal-session-redirect", session_id: session.id, ...input }, expires);
  return { redirect_url: `${base}/api/sign-in?token=${token}`, expires_at: session.expires_at };
}
