import { z } from "zod";
import { ADJUSTMENT_REASONS } from "../adjustment-reasons";
import type { Ctx } from "../context";
import { credit, debit } from "../grants";
import { fieldError, json, problem } from "../http";
import { balanceFits, balanceLimitMessage, dec, ZERO } from "../money";
import { findCustomer } from "../ops";
import { parseBody } from "../parse";
import { param, type RouteTable } from "../router";
import { amount, metadata, timestamp, uuid } from "../schemas";
import { isKnownAsset } from "../seed";
import { ensureAccount, findAccount } from "../state";
import { addAdjustment, indexOf } from "../store-index";
import { isoTimestamp, parseTimestamp } from "../time";
import { accountToApi } from "../wire";

const createAdjustment = z.object({
  transaction_id: uuid,
  asset: z.string().min(1),
  amount: amount.refine((n) => n !== 0, "Must not be zero."),
  reason: z.enum(ADJUSTMENT_REASONS, { error: `Must be one of: ${ADJUSTMENT_REASONS.join(", ")}.` }),
  account_name: z.string().min(1).max(64).optional(),
  description: z.string().max(1000).optional(),
  expires_at: timestamp.optional(),
  metadata: metadata.optional(),
});

/**
 * Balances move with every event, adjustment, payment and expiry, and each read reflects them at once (no
 * cache inside the emulator); `no-store` tells every cache in between, so a poller never reads a stale copy.
 */
const NO_STORE = { "cache-control": "no-store" };

/** Wallet reads and `POST /customers/{id}/wallet/adjustments`. */
export function walletRoutes(routes: RouteTable, ctx: Ctx): void {
  routes.add("GET", "/customers/:customerId/wallet", (c) => {
    const customer = findCustomer(ctx, param(c, "customerId"));
    if (!customer) return problem(404, `Customer '${param(c, "customerId")}' was not found.`);
    return json({ accounts: customer.accounts.map(accountToApi) }, 200, NO_STORE);
  });

  routes.add("GET", "/customers/:customerId/wallet/:accountId", (c) => {
    const customer = findCustomer(ctx, param(c, "customerId"));
    if (!customer) return problem(404, `Customer '${param(c, "customerId")}' was not found.`);
    const account = findAccount(customer, param(c, "accountId"));
    if (!account) return problem(404, `Account '${param(c, "accountId")}' was not found.`);
    return json(accountToApi(account), 200, NO_STORE);
  });

  routes.add("POST", "/customers/:customerId/wallet/adjustments", async (c) => {
    const customerId = param(c, "customerId");
    const parsed = await parseBody(c.req.raw, createAdjustment);
    if (!parsed.ok) return parsed.response;
    // Everything below is synchronous, so concurrent requests cannot interleave a read and a write.
    const customer = findCustomer(ctx, customerId);
    if (!customer) return problem(404, `Customer '${customerId}' was not found.`);
    const body = parsed.data;
    const txid = body.transaction_id.toLowerCase();
    const replay = indexOf(ctx.store).adjustments.get(`${customer.id}|${txid}`);
    if (replay) return json(replay.response, 201, { "x-emulator-idempotent-replay": "true" });
    if (!isKnownAsset(ctx.store, body.asset)) return fieldError("asset", `Asset '${body.asset}' does not exist.`);
    const name = body.account_name ?? "default";
    const value = dec(body.amount);
    const existing = findAccount(customer, `${name}:${body.asset}`);
    if (!balanceFits((existing?.available ?? dec(0)).plus(value), existing?.pending_in ?? dec(0))) {
      return fieldError("amount", balanceLimitMessage(`${name}:${body.asset.toUpperCase()}`));
    }
    const account = ensureAccount(customer, name, body.asset);
    const created = isoTimestamp(ctx.now());
    const expires = body.expires_at ? parseTimestamp(body.expires_at) : undefined;
    if (value.gt(ZERO)) {
      credit(ctx.store, account, value, {
        purpose: "adjustment",
        created_at: created,
        ...(expires ? { expires_at: isoTimestamp(expires) } : {}),
        source: body.transaction_id,
      });
    } else {
      debit(account, value.neg());
    }
    const response = { id: body.transaction_id, created_at: created };
    addAdjustment(ctx.store, { customer_id: customer.id, transaction_id: txid, response });
    ctx.changed();
    return json(response, 201);
  });
}
