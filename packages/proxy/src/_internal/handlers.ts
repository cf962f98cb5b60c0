import { CredytError, isCredytError } from "@credyt/core";
import type { CredytPortalSessionBody, CredytTopUpBody } from "../create-credyt-api";
import type { CredytProxyEvent, ExchangeRateRequest } from "../types";
import type { ResolvedConfig } from "./config";
import type { endpoints } from "./endpoints";
import { FAILURE_TTL_MS, fingerprint, IDEMPOTENCY_TTL_MS, once } from "./idempotency";
import { parseObject, readBody, requireJson } from "./read-body";
import { jsonText, replay, storedError } from "./respond";
import { markReturnUrl, rejectServerOnlyFields, resolveReturnUrl } from "./security";
import { idempotencyKeyFrom, validatePortal, validateTopUp } from "./validate-body";

/** Everything a route handler needs about the request being served. */
export interface Exchange<Ctx> {
  request: Request;
  ctx: Ctx;
  url: URL;
  /** The page's own origin: `publicOrigin`, the forwarded one (`trustProxy`) or the request's. */
  origin: string;
  customerId: string;
  requestId: string;
  config: ResolvedConfig<Ctx>;
  api: ReturnType<typeof endpoints>;
  emit(event: CredytProxyEvent): Promise<void>;
}

export async function getWallet<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const wallet = await x.api.getWallet(x.customerId, x.requestId);
  return jsonText(200, wallet.text, x.requestId);
}

export async function getAccount<Ctx>(x: Exchange<Ctx>, accountId: string): Promise<Response> {
  const account = await x.api.getAccount(x.customerId, accountId, x.requestId);
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
  const returnUrl = resolveReturnUrl(suggested ?? x.config.returnUrl, self, x.config.allowedOrigins, "return_url");
  const failureUrl = x.config.failureUrl
    ? resolveReturnUrl(x.config.failureUrl, self, x.config.allowedOrigins, "failure_url")
    : returnUrl;
  return { returnUrl, failureUrl };
}

async function checkRate<Ctx>(x: Exchange<Ctx>): Promise<void> {
  const limit = x.config.rateLimit;
  if (!limit) return;
  const { count, resetMs } = await limit.store.hit(`credyt:rate:${x.customerId}`, limit.windowMs);
  if (count > limit.limit) {
    throw new CredytError("rate_limited", "Too many requests. Wait a moment and try again.", {
      retryAfter: Math.max(1, Math.ceil(resetMs / 1000)),
    });
  }
}

async function exchangeRate<Ctx>(x: Exchange<Ctx>, topUp: ExchangeRateRequest): Promise<number | undefined> {
  // A rate converts fiat into another asset; crediting the currency paid has nothing to convert.
  if (!x.config.exchangeRate || topUp.asset.toUpperCase() === topUp.currency.toUpperCase()) return undefined;
  const rate = await x.config.exchangeRate(x.ctx, topUp);
  if (rate === undefined) return undefined;
  if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0) {
    throw new CredytError("internal", "The server's top-up settings are invalid.", {
      cause: new Error("topUps.exchangeRate(ctx) must return a positive finite number or undefined"),
    });
  }
  return rate;
}

/** `POST /top-ups`: validated, idempotent (coalesced per customer + key), rate limited, then forwarded. */
export async function createTopUp<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const raw = await readJsonObject(x.request);
  const body = validateTopUp(raw, x.config);
  const key = idempotencyKeyFrom(x.request.headers);
  const { returnUrl, failureUrl } = returnUrls(x, body.return_url);
  const print = await fingerprint("POST", "/top-ups", body);
  const asset = body.asset ?? body.currency;

  const { response, replayed } = await once(
    x.config.idempotencyStore,
    `credyt:idem:${x.customerId}:${key}`,
    print,
    x.config.timeoutMs * 2 + 1_000,
    async () => {
      await checkRate(x);
      const rate = await exchangeRate(x, { asset, currency: body.currency, amount: body.amount });
      const upstream: CredytTopUpBody = {
        customer_id: x.customerId,
        amount: body.amount,
        currency: body.currency,
        destination: { account_name: body.account_name ?? "default", asset },
        return_url: markReturnUrl(returnUrl, "top_up"),
        failure_url: markReturnUrl(failureUrl, "failed"),
      };
      if (rate !== undefined && upstream.destination) upstream.destination.exchange_rate = rate;
      if (body.description !== undefined) upstream.description = body.description;
      try {
        const created = await x.api.createTopUp(upstream, x.requestId);
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
        // Credyt's own 4xx is final; a failure (5xx, timeout, reset) is replayed only briefly, so
        // concurrent waiters share it instead of blindly sending a second POST.
        const final = error.status < 500;
        return { response: storedError(error), ttlMs: final ? IDEMPOTENCY_TTL_MS : FAILURE_TTL_MS, error };
      }
    },
  );
  return replayed
    ? replay(response, x.requestId)
    : jsonText(response.status, response.body, x.requestId, response.headers);
}

/** `POST /billing-portal/sessions`: a fresh portal link for the customer. */
export async function createPortalSession<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const body = validatePortal(await readJsonObject(x.request));
  const { returnUrl, failureUrl } = returnUrls(x, body.return_url);
  await checkRate(x);
  const upstream: CredytPortalSessionBody = {
    customer_id: x.customerId,
    // Nothing is paid in the portal: a failure there (an expired link) only calls for a fresh balance.
    return_url: markReturnUrl(returnUrl, "portal"),
    failure_url: markReturnUrl(failureUrl, "portal"),
  };
  const session = await x.api.createBillingPortalSession(upstream, x.requestId);
  await x.emit({
    type: "portal_session.created",
    requestId: x.requestId,
    method: "POST",
    path: "/billing-portal/sessions",
    customerId: x.customerId,
  });
  return jsonText(201, session.text, x.requestId);
}
