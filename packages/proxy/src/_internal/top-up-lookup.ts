import { CredytError, isCredytError } from "@credyt/core";
import type { Exchange } from "./exchange";
import { checkUpstreamRedirect } from "./redirect-policy";
import { storedError } from "./respond";
import type { StoredResponse } from "./stores";

/** The `metadata` field that ties a Credyt top-up to the purchase (customer + idempotency key) it came from. */
export const PURCHASE_TAG = "credyt_ui_purchase";

export type LookUp = { state: "found"; response: StoredResponse } | { state: "absent" } | { state: "unknown" };

/**
 * Finds the top-up an earlier, unanswered attempt of this purchase created. "absent" only when the
 * list was read and holds no top-up with the tag; "unknown" when it could not be read (Credyt documents
 * no list of top-ups; the emulator serves one), in which case nothing new may be created.
 */
export async function lookUpTopUp<Ctx>(x: Exchange<Ctx>, tag: string): Promise<LookUp> {
  let found: { id: string; status: string } | undefined;
  try {
    const recent = await x.api.recentTopUps(x.customerId, x.requestId);
    found = [...recent].reverse().find((t) => t?.metadata?.[PURCHASE_TAG] === tag);
  } catch {
    return { state: "unknown" };
  }
  if (!found) return { state: "absent" };
  if (found.status !== "initiated") {
    const done = new CredytError(
      "idempotency_conflict",
      "This purchase has already finished (paid, failed or expired). Start a new one to top up again.",
    );
    return { state: "found", response: storedError(done) };
  }
  try {
    const topUp = (await x.api.getTopUp(found.id, x.requestId)).json;
    checkUpstreamRedirect(topUp.redirect_url, x.config.apiUrl, x.origin);
    const body = {
      id: topUp.id,
      status: topUp.status,
      redirect_url: topUp.redirect_url,
      created_at: topUp.created_at,
      expires_at: topUp.expires_at,
    };
    return { state: "found", response: { status: 201, headers: {}, body: JSON.stringify(body) } };
  } catch (error) {
    if (isCredytError(error) && error.code === "invalid_response") throw error;
    return { state: "unknown" };
  }
}
