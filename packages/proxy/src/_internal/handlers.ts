import { CredytError, isCredytError } from "@credyt/core";
import type { ResolvedRateLimit } from "./config";
import type { CredytPortalSessionBody, CredytTopUpBody } from "./credyt-bodies";
import type { Exchange } from "./exchange";
import { FAILURE_TTL_MS, fingerprint, IDEMPOTENCY_TTL_MS, once, sha256 } from "./idempotency";
import { parseObject, readBody, requireJson } from "./read-body";
import { checkUpstreamRedirect } from "./redirect-policy";
import { jsonText, replay, storedError } from "./respond";
import { markReturnUrl, rejectServerOnlyFields, resolveReturnUrl } from "./security";
import { lookUpTopUp, PURCHASE_TAG } from "./top-up-lookup";
import type { ExchangeRateRequest } from "./types";
import { mayHaveApplied } from "./upstream";
import { idempotencyKeyFrom, validatePortal, validateTopUp } from "./validate-body";

/** Credyt knows no such customer: `getCustomerId` most likely returns the app's own user id. */
function explainUnknownCustomer<Ctx>(x: Exchange<Ctx>, error: unknown): void {
  if (!isCredytError(error) || error.code !== "not_found") return;
  x.log.once(
    `unknown-customer:${x.customerId}`,
    `Credyt has no customer "${x.customerId}" (it answered 404 for its wallet), so the browser gets 404. getCustomerId must return the Credyt customer id (cust_…) of the signed-in user, not your own user id: create the customer with Credyt's POST /customers and store its id with your user${x.config.apiUrl === "https://api.credyt.ai" ? "" : `, or, with the emulator at ${x.config.apiUrl}, return one of its seeded customers (such as the demo customer)`}.`,
  );
}

export async function getWallet<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  // Awaited only when there is a limit: no promise, no microtask hop on the hot path without one.
  if (x.config.getRateLimit) await checkRate(x, x.config.getRateLimit, "get");
  try {
    const wallet = await x.api.getWallet(x.customerId, x.requestId, x.request.signal);
    return jsonText(200, wallet.text, x.requestId);
  } catch (error) {
    explainUnknownCustomer(x, error);
    throw error;
  }
}

export async function getAccount<Ctx>(x: Exchange<Ctx>, accountId: string): Promise<Response> {
  if (x.config.getRateLimit) await checkRate(x, x.config.getRateLimit, "get");
  const account = await x.api.getAccount(x.customerId, accountId, x.requestId, x.request.signal);
  return jsonText(200, account.text, x.requestId);
}

async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  requireJson(request.headers);
  const body = parseObject(await readBody(request));
  rejectServerOnlyFields(body);
  return body;
}

function returnUrls<Ctx>(x: Exchange<Ctx>, suggested: string | undefined) {
  const self = x.origin;
  const resolve = (value: string, field: string, source: string) => {
    try {
      return resolveReturnUrl(value, self, x.config.allowedOrigins, field);
    } catch (error) {
      explainReturnUrl(x, value, field, source);
      throw error;
    }
  };
  const returnUrl =
    suggested !== undefined
      ? resolve(suggested, "return_url", "the browser's `return_url`")
      : resolve(x.config.returnUrl, "return_url", "the `returnUrl` option");
  const failureUrl = x.config.failureUrl
    ? resolve(x.config.failureUrl, "failure_url", "the `failureUrl` option")
    : returnUrl;
  return { returnUrl, failureUrl };
}

function explainReturnUrl<Ctx>(x: Exchange<Ctx>, value: string, field: string, source: string): void {
  let origin: string | undefined;
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") origin = url.origin;
  } catch {
    origin = undefined;
  }
  const fix =
    origin === undefined
      ? `Use a path on this site, such as "/billing", or an absolute http(s) URL.`
      : `If ${origin} is yours, add \`allowedOrigins: ["${origin}"]\`; otherwise use a path on this site, such as "/billing".`;
  x.log.once(
    `return-url:${field}:${origin ?? value.slice(0, 100)}`,
    `${source} ${JSON.stringify(value.slice(0, 200))} is not on this site (${x.origin}) or an allowed origin, so the request was refused with 422. ${fix}`,
  );
}

/**
 * Counts a hit against `limit` (the caller passes `x.config.rateLimit` for POSTs, `x.config.getRateLimit`
 * for GETs); `undefined` is a limit turned off, never a fallback to the other one.
 */
export async function checkRate<Ctx>(
  x: Exchange<Ctx>,
  limit: ResolvedRateLimit | undefined,
  kind: "post" | "get" = "post",
): Promise<void> {
  if (!limit) return;
  // POSTs keep their historic key, so counters in a shared store survive an upgrade.
  const key = kind === "post" ? `credyt:rate:${x.customerId}` : `credyt:rate:get:${x.customerId}`;
  // A read goes on to call Credyt: its budget charge is sent with this hit, in one round trip to a shared store.
  if (kind === "get") x.api.prepayRead(x.customerId);
  let hit: { count: number; resetMs: number };
  try {
    hit = await limit.store.hit(key, limit.windowMs);
  } catch (error) {
    // A read changes nothing: when the store is down, GETs go on (POSTs fail closed, answered 503).
    // The failure was reported (onEvent `store_error`) by the store wrapper before it reached here.
    if (kind === "get") return;
    throw error;
  }
  const { count, resetMs } = hit;
  if (count > limit.limit) {
    throw new CredytError("rate_limited", "Too many requests. Wait a moment and try again.", {
      retryAfter: Math.max(1, Math.ceil(resetMs / 1000)),
    });
  }
}

/** `default` when allowed, else the first allowed account. */
function defaultAccount(names: Set<string>): string {
  return names.has("default") ? "default" : ([...names][0] as string);
}

/** The app's exchange-rate override for this top-up, with the direction it is sent in; none: Credyt's rate. */
export async function exchangeRate<Ctx>(
  x: Exchange<Ctx>,
  topUp: ExchangeRateRequest,
): Promise<{ rate: number; direction: "units-per-currency" | "currency-per-unit" } | undefined> {
  const option = x.config.exchangeRate;
  // A rate converts fiat into another asset; crediting the currency paid has nothing to convert.
  if (!option || topUp.asset.toUpperCase() === topUp.currency.toUpperCase()) return undefined;
  const rate = await option.rate(x.ctx, topUp);
  if (rate === undefined) return undefined;
  if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0) {
    const name = option.direction === "units-per-currency" ? "unitsPerCurrency" : "currencyPerUnit";
    throw new CredytError("internal", "The server's top-up settings are invalid.", {
      cause: new Error(`topUps.${name}(ctx) must return a positive finite number or undefined`),
    });
  }
  return { rate, direction: option.direction };
}

/**
 * What a purchase whose POST may have created a top-up answers, now and on every retry with its key until
 * the top-up is found: the same status, a message saying the outcome is unknown, and
 * `details.idempotency_key: ["outcome_unknown"]`. The key never sends a second POST; to buy again, the
 * customer starts a new purchase (a new key).
 */
function outcomeUnknown(error: CredytError): CredytError {
  return new CredytError(
    error.code,
    "The billing service did not confirm this purchase in time, so it may still be created. Check your balance in a moment before paying again; to buy anyway, start a new purchase.",
    { details: { idempotency_key: ["outcome_unknown"] }, cause: error },
  );
}

/**
 * `POST /top-ups`: validated, idempotent (coalesced per customer + key), rate limited, then forwarded.
 * When a creation may have happened without an answer (a timeout, a reset), the outcome is kept for the
 * idempotency window; a retry looks the top-up up (by a tag in its `metadata`) before creating anything.
 */
export async function createTopUp<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const raw = await readJsonObject(x.request);
  const body = validateTopUp(raw, x.config);
  const key = idempotencyKeyFrom(x.request.headers);
  const { returnUrl, failureUrl } = returnUrls(x, body.return_url);
  const print = await fingerprint("POST", "/top-ups", body);
  const asset = body.asset ?? body.currency;
  const baseKey = `credyt:idem:${x.customerId}:${key}`;
  // What Credyt keeps with the top-up to find it again; a hash, so the browser's key never leaves.
  const tag = (await sha256(baseKey)).slice(0, 32);

  const create = async () => {
    await checkRate(x, x.config.rateLimit);
    const rate = await exchangeRate(x, { asset, currency: body.currency, amount: body.amount });
    const upstream: CredytTopUpBody = {
      customer_id: x.customerId,
      amount: body.amount,
      currency: body.currency,
      destination: { account_name: body.account_name ?? defaultAccount(x.config.accountNames), asset },
      return_url: markReturnUrl(returnUrl, "top_up"),
      failure_url: markReturnUrl(failureUrl, "failed"),
      metadata: { [PURCHASE_TAG]: tag },
    };
    // Sent only when the app named its direction; otherwise Credyt's own asset rate applies.
    if (rate !== undefined && upstream.destination) upstream.destination.exchange_rate = rate.rate;
    if (body.description !== undefined) upstream.description = body.description;
    try {
      const created = await x.api.createTopUp(upstream, x.requestId, x.request.signal);
      checkUpstreamRedirect(created.json.redirect_url, x.config.apiUrl, x.origin);
      await x.emit({
        type: "top_up.created",
        requestId: x.requestId,
        method: "POST",
        path: "/top-ups",
        customerId: x.customerId,
        topUpId: created.json.id,
        amount: body.amount,
        currency: body.currency,
        asset,
        idempotencyKey: key,
      });
      return { response: { status: 201, headers: {}, body: created.text }, ttlMs: IDEMPOTENCY_TTL_MS };
    } catch (error) {
      if (!isCredytError(error) || error.code === "internal") throw error;
      // Credyt's own 4xx is final. A failure that may have created the top-up (a timeout, a reset) is
      // kept for the whole window and marked uncertain, so a retry looks before it creates; any other
      // failure (a 503, a refused connection) is replayed only briefly, to the concurrent waiters.
      const uncertain = mayHaveApplied(error);
      const final = error.status < 500 || uncertain;
      return {
        response: storedError(uncertain ? outcomeUnknown(error) : error),
        ttlMs: final ? IDEMPOTENCY_TTL_MS : FAILURE_TTL_MS,
        uncertain,
        error,
      };
    }
  };

  // One POST per purchase key, ever. When the first one may have created a top-up without an answer, a
  // retry looks for it and replays it when found; otherwise it replays the uncertain answer, never a
  // second POST (Credyt documents no idempotency for top-ups, so a late creation would be a second one).
  const lockTtlMs = x.config.timeoutMs * 2 + 1_000;
  const result = await once(x.config.idempotencyStore, baseKey, print, lockTtlMs, create);
  if (!result.replayed)
    return jsonText(result.response.status, result.response.body, x.requestId, result.response.headers);
  if (!result.uncertain) return replay(result.response, x.requestId);
  const found = await lookUpTopUp(x, tag);
  if (found.state === "found") {
    await x.config.idempotencyStore
      .complete(baseKey, { fingerprint: print, response: found.response }, IDEMPOTENCY_TTL_MS)
      .catch(() => undefined);
    return replay(found.response, x.requestId);
  }
  return replay(result.response, x.requestId);
}

/** `POST /billing-portal/sessions`: a fresh portal link for the customer. */
export async function createPortalSession<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const body = validatePortal(await readJsonObject(x.request));
  const { returnUrl, failureUrl } = returnUrls(x, body.return_url);
  await checkRate(x, x.config.rateLimit);
  const upstream: CredytPortalSessionBody = {
    customer_id: x.customerId,
    // Nothing is paid in the portal: a failure there (an expired link) only calls for a fresh balance.
    return_url: markReturnUrl(returnUrl, "portal"),
    failure_url: markReturnUrl(failureUrl, "portal"),
  };
  const session = await x.api.createBillingPortalSession(upstream, x.requestId, x.request.signal);
  checkUpstreamRedirect(session.json.redirect_url, x.config.apiUrl, x.origin);
  await x.emit({
    type: "portal_session.created",
    requestId: x.requestId,
    method: "POST",
    path: "/billing-portal/sessions",
    customerId: x.customerId,
  });
  return jsonText(201, session.text, x.requestId);
}
