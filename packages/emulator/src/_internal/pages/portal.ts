import type { Ctx } from "../context";
import type { CustomerRecord, TopUpRecord } from "../state";
import type { RedirectClaims } from "../tokens";
import { showAmount } from "./checkout";
import { esc, layout } from "./html";

/** The hosted billing portal: every account's balances, a manual top-up form and a way back to the app. */
export function portalPage(
  ctx: Ctx,
  customer: CustomerRecord,
  claims: RedirectClaims,
  token: string,
  paid?: TopUpRecord,
  error?: string,
): string {
  const rows = customer.accounts
    .map(
      (a) => `<tr data-account="${esc(`${a.name}:${a.asset}`)}"><td>${esc(`${a.name}:${a.asset}`)}</td>
<td class="num">${esc(showAmount(a.available, a.asset))}</td><td class="num">${esc(a.pending_in.toString())}</td></tr>`,
    )
    .join("");
  const assets = [
    ...new Set(["USD", ...customer.accounts.map((a) => a.asset), ...ctx.store.assets.map((a) => a.code)]),
  ];
  const banner = paid
    ? `<p class="ok" role="status">Payment received: ${esc(showAmount(paid.units, paid.destination.asset))} added.
Returning you to the app…</p>`
    : "";
  const body = `
<h1>Billing for ${esc(customer.name)}</h1>
${banner}
${error ? `<p class="error" role="alert" id="portal-error">${esc(error)}</p>` : ""}
<table aria-label="Balances"><thead><tr><th scope="col">Account</th><th scope="col" class="num">Available</th>
<th scope="col" class="num">Pending</th></tr></thead><tbody>${rows || `<tr><td colspan="3">No accounts yet.</td></tr>`}</tbody></table>
<h2>Top up</h2>
<form method="post" action="${esc(`${ctx.basePath}/portal/top-up`)}">
  <input type="hidden" name="token" value="${esc(token)}">
  <label for="amount">Amount (USD)</label>
  <input id="amount" name="amount" inputmode="decimal" value="10" required${error ? ` aria-invalid="true" aria-describedby="portal-error"` : ""}>
  <label for="asset">Credit to</label>
  <select id="asset" name="asset">${assets.map((a) => `<option value="${esc(a)}">${esc(a)}</option>`).join("")}</select>
  <button type="submit">Continue to payment</button>
</form>
<p><a class="button" id="return" href="${esc(claims.return_url)}">Return to the app</a></p>`;
  const head = paid ? `<meta http-equiv="refresh" content="1;url=${esc(claims.return_url)}">` : "";
  return layout("Billing portal", body, head);
}
