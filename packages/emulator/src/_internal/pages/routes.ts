import type { Context } from "hono";
import { baseUrl, type Ctx } from "../context";
import { findCustomer, settle } from "../ops";
import { createPortalLink } from "../portal-session";
import type { RouteTable } from "../router";
import type { TopUpRecord } from "../state";
import { indexOf } from "../store-index";
import { type RedirectClaims, verifyToken } from "../tokens";
import { createTopUp, topUpRedirectUrl } from "../top-up";
import { checkCard } from "./cards";
import { checkoutPage, expiredCheckoutPage } from "./checkout";
import { htmlResponse, invalidLinkPage, redirect } from "./html";
import { portalPage } from "./portal";

type Verified = { ok: true; claims: RedirectClaims; token: string } | { ok: false; response: Response };

async function formFields(c: Context): Promise<Record<string, string>> {
  const type = c.req.header("content-type") ?? "";
  if (!/application\/x-www-form-urlencoded|multipart\/form-data/.test(type)) return {};
  try {
    const body = await c.req.parseBody();
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  } catch {
    return {};
  }
}

/**
 * Verify a page token. Expired links go to their `failure_url`; a tampered link goes to the `failure_url`
 * stored server-side for the session or top-up it names (never to a URL read from an unverified token).
 */
async function verify(
  ctx: Ctx,
  token: string | undefined,
  purpose: RedirectClaims["purpose"] | "any",
): Promise<Verified> {
  const result = await verifyToken(ctx, token);
  if (result.ok && (purpose === "any" || result.claims.purpose === purpose)) {
    return { ok: true, claims: result.claims, token: token as string };
  }
  const claims = result.claims;
  const index = indexOf(ctx.store);
  const session = claims?.session_id ? index.portalSessions.get(claims.session_id) : undefined;
  const topUp = claims?.top_up_id ? index.topUps.get(claims.top_up_id) : undefined;
  // A checkout link lives as long as its top-up. Only a genuinely signed (merely expired) token may show
  // the top-up's details; a tampered one gets no more than the stored failure_url, as before.
  if (!result.ok && result.reason === "expired" && topUp?.status === "expired") {
    return { ok: false, response: expiredCheckoutPage(topUp) };
  }
  const failureUrl = session?.failure_url ?? topUp?.failure_url;
  return { ok: false, response: failureUrl ? redirect(failureUrl) : invalidLinkPage() };
}

/**
 * Failed top-ups send the browser to their `failure_url`; expired ones show why they cannot be paid;
 * undefined while payable or paid.
 */
function failedRedirect(topUp: TopUpRecord): Response | undefined {
  if (topUp.status === "expired") return expiredCheckoutPage(topUp);
  return topUp.status === "failed" ? redirect(topUp.failure_url) : undefined;
}

/** Hosted pages: `/api/sign-in`, `/checkout`, `/portal`, `/portal/top-up`. */
export function pageRoutes(routes: RouteTable, ctx: Ctx): void {
  routes.add("GET", "/api/sign-in", async (c) => {
    const token = c.req.query("token");
    const v = await verify(ctx, token, "any");
    if (!v.ok) return v.response;
    const path = v.claims.purpose === "top-up-redirect" ? "/checkout" : "/portal";
    return redirect(`${ctx.basePath}${path}?token=${encodeURIComponent(v.token)}`);
  });

  /**
   * The top-up a checkout token names, while it can still be paid; otherwise the answer to send:
   * the failure URL (bad link, failed or expired top-up) or the portal (already paid).
   */
  async function payable(
    c: Context,
    token: string | undefined,
  ): Promise<{ topUp: TopUpRecord; token: string } | { response: Response }> {
    const v = await verify(ctx, token, "top-up-redirect");
    if (!v.ok) return { response: v.response };
    const topUp = v.claims.top_up_id ? indexOf(ctx.store).topUps.get(v.claims.top_up_id) : undefined;
    if (!topUp) return { response: invalidLinkPage() };
    const failed = failedRedirect(topUp);
    if (failed) return { response: failed };
    if (topUp.status === "completed") return { response: await portalAfterPayment(c, topUp) };
    return { topUp, token: v.token };
  }

  routes.add("GET", "/checkout", async (c) => {
    const p = await payable(c, c.req.query("token"));
    return "response" in p ? p.response : htmlResponse(checkoutPage(ctx, p.topUp, p.token));
  });

  routes.add("POST", "/checkout", async (c) => {
    const form = await formFields(c);
    const p = await payable(c, form.token);
    if ("response" in p) return p.response;
    const { topUp, token } = p;
    const outcome = checkCard(form.card_number ?? "", form.expiry ?? "", form.cvc ?? "", ctx.now());
    if (outcome.kind === "invalid") {
      return htmlResponse(checkoutPage(ctx, topUp, token, outcome, form), 422);
    }
    if (outcome.kind === "declined") {
      settle(ctx, topUp, "failed", outcome.code);
      return redirect(topUp.failure_url);
    }
    settle(ctx, topUp, "completed");
    return portalAfterPayment(c, topUp);
  });

  /** Credyt returns the customer to its portal after payment; the portal then forwards to `return_url`. */
  async function portalAfterPayment(c: Context, topUp: TopUpRecord): Promise<Response> {
    const link = await createPortalLink(ctx, "", {
      customer_id: topUp.customer_id,
      return_url: topUp.return_url,
      failure_url: topUp.failure_url,
    });
    const token = new URL(link.redirect_url, baseUrl(ctx, c.req.raw)).searchParams.get("token") ?? "";
    return redirect(`${ctx.basePath}/portal?token=${encodeURIComponent(token)}&paid=${encodeURIComponent(topUp.id)}`);
  }

  routes.add("GET", "/portal", async (c) => {
    const v = await verify(ctx, c.req.query("token"), "portal-session-redirect");
    if (!v.ok) return v.response;
    const customer = findCustomer(ctx, v.claims.customer_id);
    if (!customer) return redirect(v.claims.failure_url);
    const paid = [indexOf(ctx.store).topUps.get(c.req.query("paid") ?? "")].find(
      (t) => t !== undefined && t.customer_id === customer.id && t.status === "completed",
    );
    return htmlResponse(portalPage(ctx, customer, v.claims, v.token, paid));
  });

  routes.add("POST", "/portal/top-up", async (c) => {
    const form = await formFields(c);
    const v = await verify(ctx, form.token, "portal-session-redirect");
    if (!v.ok) return v.response;
    const customer = findCustomer(ctx, v.claims.customer_id);
    if (!customer) return redirect(v.claims.failure_url);
    const amount = Number(form.amount);
    const error = !/^\d+(\.\d{1,2})?$/.test((form.amount ?? "").trim()) || amount <= 0 || amount > 1_000_000;
    const result = error
      ? undefined
      : createTopUp(ctx, {
          customer_id: customer.id,
          amount,
          currency: "USD",
          destination: { asset: form.asset || "USD" },
          description: "Billing portal top-up",
          return_url: v.claims.return_url,
          failure_url: v.claims.failure_url,
        });
    if (!result?.ok) {
      const message = result && !result.ok ? result.message : "Enter an amount in USD, for example 10 or 12.50.";
      return htmlResponse(portalPage(ctx, customer, v.claims, v.token, undefined, message), 422);
    }
    return redirect(await topUpRedirectUrl(ctx, ctx.basePath, result.topUp));
  });
}
