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
import type { CredytPortalSessionBody, CredytTopUpBody } from "../create-credyt-api";
import { callUpstream, type UpstreamAccess, UpstreamFailure, type UpstreamResponse } from "./upstream";

export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_]{1,32}$/;

/** An upstream answer whose JSON has been checked against the wire type `T`. */
export interface Checked<T> extends UpstreamResponse {
  json: T;
}

function checked<T>(response: UpstreamResponse, check: (body: unknown) => string[], apiKey: string): Checked<T> {
  const problems = check(response.json);
  // The body is forwarded verbatim, so it must not carry the key even if Credyt echoed it.
  if (problems.length > 0 || response.text.includes(apiKey)) {
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
    throw new CredytError("invalid_request", "The customer id must be 1-128 letters, digits, `_` or `-`.", {
      details: { customer_id: ["must be 1-128 letters, digits, _ or -"] },
    });
  }
  return `/customers/${customerId}`;
}

/** The four Credyt calls the proxy needs, answering checked JSON plus the exact text. */
export function endpoints(access: UpstreamAccess) {
  return {
    async getWallet(customerId: string, requestId?: string): Promise<Checked<WireWallet>> {
      const response = await callUpstream(access, {
        method: "GET",
        path: `${customerPath(customerId)}/wallet`,
        requestId,
      });
      return checked(response, checkWallet, access.apiKey);
    },
    async getAccount(customerId: string, accountId: string, requestId?: string): Promise<Checked<WireAccount>> {
      if (typeof accountId !== "string" || !ACCOUNT_ID_PATTERN.test(accountId)) {
        throw new CredytError("invalid_request", 'The account id must look like "default:USD".', {
          details: { account_id: ['must look like "default:USD"'] },
        });
      }
      const path = `${customerPath(customerId)}/wallet/${accountId}`;
      return checked(await callUpstream(access, { method: "GET", path, requestId }), checkAccountBody, access.apiKey);
    },
    async createTopUp(body: CredytTopUpBody, requestId?: string): Promise<Checked<WireTopUp>> {
      customerPath(body.customer_id);
      const response = await callUpstream(access, { method: "POST", path: "/top-ups", body, requestId });
      return checked(response, checkTopUp, access.apiKey);
    },
    async createBillingPortalSession(
      body: CredytPortalSessionBody,
      requestId?: string,
    ): Promise<Checked<WirePortalSession>> {
      customerPath(body.customer_id);
      const response = await callUpstream(access, {
        method: "POST",
        path: "/billing-portal/sessions",
        body,
        requestId,
      });
      return checked(response, checkPortalSession, access.apiKey);
    },
  };
}
