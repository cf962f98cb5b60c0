import { isCurrencyCode } from "@credyt/core";
import type { Ctx } from "../context";
import { type Decimal, decimalPlaces } from "../money";
import { findCustomer } from "../ops";
import type { TopUpRecord } from "../state";
import { esc, htmlResponse, layout } from "./html";

/** Amounts shown on pages: fiat with at least 2 decimals, other assets exactly. */
export function showAmount(value: Decimal, asset: string) {
  const text = isCurrencyCode(asset.toUpperCase()) && decimalPlaces(value) < 2 ? value.toFixed(2) : value.toString();
  return `${text} ${asset}`;
}

/**
 * The page for a checkout whose top-up expired unpaid (410): it can no longer be paid, nothing was
 * charged, and the link goes back to the app's `failure_url`.
 */
export function expiredCheckoutPage(topUp: TopUpRecord): Response {
  const body = `
<h1>This checkout has expired</h1>
<p id="checkout-error" class="error" role="alert">This top-up of ${esc(showAmount(topUp.amount, topUp.currency))} expired
at ${esc(topUp.expires_at.replace(/\.\d+Z$/, "Z"))} before it was paid, so it can no longer be paid. Nothing was charged.</p>
<p>To add funds, start a new top-up from the app.</p>
<p><a class="button" href="${esc(topUp.failure_url)}">Return to the app</a></p>`;
  return htmlResponse(layout("Checkout expired", body), 410);
}

/** The hosted checkout page for an initiated top-up (a stand-in for Stripe Checkout). */
export function checkoutPage(
  ctx: Ctx,
  topUp: TopUpRecord,
  token: string,
  error?: { field: string; message: string },
  values: { card_number?: string; expiry?: string; cvc?: string; name?: string } = {},
): string {
  const customer = findCustomer(ctx, topUp.customer_id);
  const invalid = (field: string) =>
    error?.field === field ? ` aria-invalid="true" aria-describedby="checkout-error"` : "";
  const body = `
<h1>Top up your balance</h1>
<dl>
  <dt>Customer</dt><dd>${esc(customer?.name ?? topUp.customer_id)}</dd>
  <dt>Amount</dt><dd data-testid="amount">${esc(showAmount(topUp.amount, topUp.currency))}</dd>
  ${topUp.description ? `<dt>Description</dt><dd>${esc(topUp.description)}</dd>` : ""}
  <dt>Credited to</dt><dd>${esc(`${topUp.destination.account_name}:${topUp.destination.asset}`)}</dd>
  <dt>You receive</dt><dd data-testid="units">${esc(showAmount(topUp.units, topUp.destination.asset))}</dd>
</dl>
${error ? `<p id="checkout-error" class="error" role="alert">${esc(error.message)}</p>` : ""}
<form method="post" action="${esc(`${ctx.basePath}/checkout`)}" novalidate>
  <input type="hidden" name="token" value="${esc(token)}">
  <label for="card_number">Card number</label>
  <input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" value="${esc(values.card_number ?? "")}" required autofocus${invalid("card_number")}>
  <div class="row">
    <div><label for="expiry">Expiry (MM/YY)</label>
    <input id="expiry" name="expiry" autocomplete="cc-exp" placeholder="12/34" value="${esc(values.expiry ?? "")}" required${invalid("expiry")}></div>
    <div><label for="cvc">CVC</label>
    <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" value="${esc(values.cvc ?? "")}" required${invalid("cvc")}></div>
  </div>
  <label for="name">Name on card</label>
  <input id="name" name="name" autocomplete="cc-name" value="${esc(values.name ?? "")}">
  <button type="submit">Pay ${esc(showAmount(topUp.amount, topUp.currency))}</button>
</form>
<p class="muted">Test cards: 4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined ·
4000 0000 0000 9995 has insufficient funds · 4000 0000 0000 0069 is expired. Any future expiry and any CVC.</p>
<p><a href="${esc(topUp.failure_url)}">Cancel and return</a></p>`;
  return layout("Checkout", body);
}
