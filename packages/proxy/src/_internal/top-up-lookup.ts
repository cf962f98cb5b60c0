import { CredytError, isCredytError } from "@credyt/core";
import type { Exchange } from "./exchange";
import { isObject } from "./is-object";
import { checkUpstreamRedirect } from "./redirect-policy";
import { storedError } from "./respond";
import type { StoredResponse } from "./stores";

/** The `metadata` field that ties a Credyt top-up to the purchase (customer + idempotency key) it came from. */
export const PURCHASE_TAG = "credyt_ui_purchase";

/**
 * What a look-up learnt. "found": the purchase's top-up, answered as its creation would have been.
 * "absent": a list the proxy recognises (every item this customer's, carrying `metadata`, read to its end)
 * holds no top-up of the purchase, yet. "unknown": anything else. Neither "absent" nor "unknown" ever
 * leads to a second `POST /top-ups`: a top-up can still appear later.
 */
export type LookUp = { state: "found"; response: StoredResponse } | { state: "absent" } | { state: "unknown" };

/** Top-ups per page, and pages read at most: past 1,000 top-ups the window is incomplete ("unknown"). */
const PAGE = 100;
const MAX_PAGES = 10;

interface ListedTopUp {
  id: string;
  status: string;
  customer_id: string;
  metadata: Record<string, unknown>;
}

/** A list item the look-up can judge: an id, a status, this customer, and a `metadata` object. */
function recognised(item: unknown, customerId: string): ListedTopUp | undefined {
  if (!isObject(item)) return undefined;
  const { id, status, customer_id, metadata } = item;
  if (typeof id !== "string" || typeof status !== "string" || customer_id !== customerId || !isObject(metadata))
    return undefined;
  return { id, status, customer_id, metadata };
}

/** Reads the customer's top-up list to its end; `found`, or whether every item could be judged. */
async function scan<Ctx>(x: Exchange<Ctx>, tag: string): Promise<ListedTopUp | "absent" | "unknown"> {
  let judged = true;
  for (let page = 0; page < MAX_PAGES; page++) {
    const offset = page * PAGE;
    let json: unknown;
    try {
      json = (await x.api.listTopUps({ customerId: x.customerId, offset, limit: PAGE }, x.requestId, x.request.signal))
        .json;
    } catch (error) {
      // No list (404/405), a failure, a timeout: the look-up learnt nothing.
      void error;
      return "unknown";
    }
    if (!isObject(json) || !Array.isArray(json.items)) return "unknown";
    for (const item of json.items) {
      const topUp = recognised(item, x.customerId);
      // The tag is a hash of this customer and key: a recognised item carrying it is this purchase's.
      if (topUp?.metadata[PURCHASE_TAG] === tag) return topUp;
      if (!topUp) judged = false;
    }
    const total = json.total_count;
    const end = offset + json.items.length;
    if (json.items.length < PAGE || (typeof total === "number" && end >= total)) return judged ? "absent" : "unknown";
  }
  return "unknown";
}

/**
 * Finds the top-up an earlier, unanswered attempt of this purchase created, by the tag in its `metadata`.
 * Credyt documents no top-up list: against a Credyt without one (or with one the proxy cannot judge), the
 * answer is "unknown", and the purchase answers its stored uncertain outcome until the customer starts anew.
 */
export async function lookUpTopUp<Ctx>(x: Exchange<Ctx>, tag: string): Promise<LookUp> {
  const found = await scan(x, tag);
  if (found === "absent" || found === "unknown") return { state: found };
  if (found.status !== "initiated") {
    const done = new CredytError(
      "idempotency_conflict",
      "This purchase has already finished (paid, failed or expired). Start a new one to top up again.",
    );
    return { state: "found", response: storedError(done) };
  }
  try {
    const topUp = (await x.api.getTopUp(found.id, x.requestId, x.customerId, x.request.signal)).json;
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
