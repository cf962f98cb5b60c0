import { CredytError } from "@credyt/core";
import type { ResolvedRateLimit } from "./config-limits";

/**
 * What each customer may spend of the shared Credyt key: every upstream call the proxy makes is charged
 * to the customer whose request (or open stream) caused it: first attempts, retries, stream polls, summary
 * pages, top-up look-ups. Counted in the rate-limit store (a shared store counts across instances), so
 * no customer can take more than its share of the key's capacity, whatever the browser does.
 */
export class UpstreamBudget {
  readonly #limit: ResolvedRateLimit;

  constructor(limit: ResolvedRateLimit) {
    this.#limit = limit;
  }

  /** Counts one upstream call for `customerId`; false once the customer's budget for this window is spent. */
  async take(customerId: string): Promise<{ ok: boolean; resetMs: number }> {
    let hit: { count: number; resetMs: number };
    try {
      hit = await this.#limit.store.hit(`credyt:upstream:${customerId}`, this.#limit.windowMs);
    } catch {
      // The store is down: reads change nothing, and the request limits still hold in front of this.
      return { ok: true, resetMs: 0 };
    }
    return { ok: hit.count <= this.#limit.limit, resetMs: hit.resetMs };
  }

  /** Charges one call, or throws 429 `rate_limited` (this customer's fault alone: never a breaker failure). */
  async charge(customerId: string): Promise<void> {
    const { ok, resetMs } = await this.take(customerId);
    if (ok) return;
    throw new CredytError("rate_limited", "Too many requests. Wait a moment and try again.", {
      retryAfter: Math.max(1, Math.ceil(resetMs / 1000)),
      cause: new Error(`upstream budget of ${this.#limit.limit} calls per ${this.#limit.windowMs} ms spent`),
    });
  }
}

/**
 * The customer an upstream call is made for, read from the call itself: `/customers/{id}/…`, a
 * `customer_id=` query or a body's `customer_id`. `undefined` for calls about no customer (an asset).
 */
export function customerOfCall(path: string, body: unknown): string | undefined {
  const inPath = /^\/customers\/([^/?#]+)/.exec(path);
  if (inPath?.[1]) {
    try {
      return decodeURIComponent(inPath[1]);
    } catch {
      return undefined;
    }
  }
  const query = path.indexOf("?");
  if (query !== -1) {
    const id = new URLSearchParams(path.slice(query + 1)).get("customer_id");
    if (id) return id;
  }
  if (typeof body === "object" && body !== null) {
    const id = (body as { customer_id?: unknown }).customer_id;
    if (typeof id === "string" && id !== "") return id;
  }
  return undefined;
}
