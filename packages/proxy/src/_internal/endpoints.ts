import {
  CredytError,
  checkAccountBody,
  checkPortalSession,
  checkTopUp,
  checkWallet,
  type WireAccount,
  type WirePortalSession,
  type WireTopUp,
  type WireWallet,
} from "@credyt/core";
import { bodyCarriesSecret } from "./contains-secret";
import type { CredytPortalSessionBody, CredytTopUpBody } from "./credyt-bodies";
import { CUSTOMER_ID_PATTERN, CUSTOMER_ID_RULE, isAccountId } from "./patterns";
import { topUpEndpoints } from "./top-up-upstream";
import { callUpstream, failureOf, type UpstreamAccess, UpstreamFailure, type UpstreamResponse } from "./upstream";
import { usageEndpoints } from "./usage-upstream";

/** An upstream answer whose JSON has been checked against the wire type `T`. */
export interface Checked<T> extends UpstreamResponse {
  json: T;
}

function checked<T>(response: UpstreamResponse, check: (body: unknown) => string[], apiKey: string): Checked<T> {
  const problems = check(response.json);
  // The body is forwarded verbatim, so it must not carry the key even if Credyt echoed it: neither as
  // raw text nor escaped (`\u006bey_…`), which the browser's JSON.parse would decode back into the key.
  if (problems.length > 0 || bodyCarriesSecret(response.text, response.json, apiKey)) {
    throw new CredytError("upstream_error", "The billing service sent an invalid response.", {
      cause: new UpstreamFailure(
        `Credyt's response failed validation: ${problems.slice(0, 3).join("; ") || "unexpected content"}`,
      ),
    });
  }
  return response as Checked<T>;
}

function customerPath(customerId: string): string {
  if (typeof customerId !== "string" || !CUSTOMER_ID_PATTERN.test(customerId)) {
    throw new CredytError("invalid_request", `The customer id must be ${CUSTOMER_ID_RULE}.`, {
      details: { customer_id: [`must be ${CUSTOMER_ID_RULE}`] },
    });
  }
  return `/customers/${encodeURIComponent(customerId)}`;
}

/** `name:ASSET` as a path segment: each part encoded, the `:` kept as Credyt's routes expect it. */
function accountIdPath(accountId: string): string {
  const colon = accountId.indexOf(":");
  return `${encodeURIComponent(accountId.slice(0, colon))}:${encodeURIComponent(accountId.slice(colon + 1))}`;
}

/** The four Credyt calls the proxy needs, answering checked JSON plus the exact text. */
export function endpoints(access: UpstreamAccess) {
  // Single flight: concurrent identical reads (one customer's tabs, a burst of refreshes) share one call.
  // A call older than the upstream timeout is not joined: its own timer must have been dropped (workerd
  // drops a request's timers and I/O when that request ends), so it may never settle.
  const inFlight = new Map<string, { call: Promise<UpstreamResponse>; at: number }>();
  // The host may cancel the call of the request that started a shared read (Next.js abandoning a
  // prerender, a runtime ending a request's I/O): that request gets the cancellation, but a request that
  // only joined is alive, so it reads again (sharing with the other joiners), and if the read it joins then
  // is cancelled too, it makes a call of its own.
  // `hostSignal`: the incoming request's, the host's evidence when it cancels the call (see `UpstreamFailure.cancelled`).
  const read = (
    path: string,
    requestId: string | undefined,
    hostSignal: AbortSignal | undefined,
    rejoin = true,
  ): Promise<UpstreamResponse> => {
    const running = inFlight.get(path);
    if (running && Date.now() - running.at <= access.timeoutMs) {
      return running.call.catch((error: unknown) => {
        if (failureOf(error)?.cancelled !== true) throw error;
        return rejoin
          ? read(path, requestId, hostSignal, false)
          : callUpstream(access, { method: "GET", path, requestId, hostSignal });
      });
    }
    const entry = { call: callUpstream(access, { method: "GET", path, requestId, hostSignal }), at: Date.now() };
    // Registered before any joiner's handler, so a settled (or cancelled) entry is gone when joiners react.
    entry.call
      .finally(() => {
        if (inFlight.get(path) === entry) inFlight.delete(path);
      })
      .catch(() => {});
    inFlight.set(path, entry);
    return entry.call;
  };
  return {
    ...usageEndpoints(access),
    ...topUpEndpoints(access),
    /** Starts the upstream budget's charge for the call an admitted read makes next (see `UpstreamBudget.prepay`). */
    prepayRead(customerId: string): void {
      access.budget?.prepay(customerId);
    },
    async getWallet(customerId: string, requestId?: string, hostSignal?: AbortSignal): Promise<Checked<WireWallet>> {
      const response = await read(`${customerPath(customerId)}/wallet`, requestId, hostSignal);
      return checked(response, checkWallet, access.apiKey);
    },
    async getAccount(
      customerId: string,
      accountId: string,
      requestId?: string,
      hostSignal?: AbortSignal,
    ): Promise<Checked<WireAccount>> {
      if (!isAccountId(accountId)) {
        throw new CredytError("invalid_request", 'The account id must look like "default:USD".', {
          details: { account_id: ['must look like "default:USD"'] },
        });
      }
      const path = `${customerPath(customerId)}/wallet/${accountIdPath(accountId)}`;
      return checked(await read(path, requestId, hostSignal), checkAccountBody, access.apiKey);
    },
    /** One top-up with a fresh `redirect_url` while it is payable (the emulator's `GET /top-ups/{id}`). */
    async getTopUp(
      topUpId: string,
      requestId?: string,
      customerId?: string,
      hostSignal?: AbortSignal,
    ): Promise<Checked<WireTopUp>> {
      if (!/^top_[A-Za-z0-9]{1,64}$/.test(topUpId)) throw new CredytError("not_found", "Not found.");
      const path = `/top-ups/${topUpId}`;
      const response = await callUpstream(access, { method: "GET", path, requestId, customerId, hostSignal });
      return checked(response, checkTopUp, access.apiKey);
    },
    async createTopUp(
      body: CredytTopUpBody,
      requestId?: string,
      hostSignal?: AbortSignal,
    ): Promise<Checked<WireTopUp>> {
      customerPath(body.customer_id);
      const request = { method: "POST", path: "/top-ups", body, requestId, hostSignal } as const;
      const response = await callUpstream(access, request);
      return checked(response, checkTopUp, access.apiKey);
    },
    async createBillingPortalSession(
      body: CredytPortalSessionBody,
      requestId?: string,
      hostSignal?: AbortSignal,
    ): Promise<Checked<WirePortalSession>> {
      customerPath(body.customer_id);
      const response = await callUpstream(access, {
        method: "POST",
        path: "/billing-portal/sessions",
        body,
        requestId,
        hostSignal,
      });
      return checked(response, checkPortalSession, access.apiKey);
    },
  };
}
