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
  /** Charges started ahead of a call ({@link prepay}), by customer, with when they were started. */
  readonly #prepaid = new Map<string, { hit: Promise<{ ok: boolean; resetMs: number }>; at: number }>();

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

  /**
   * Starts the charge of the call a read is about to make, in the same tick as the read's own limit check:
   * a shared store then counts both in one round trip (node-redis pipelines the commands of one tick). The
   * customer's next {@link charge} within a second uses it. A read that makes no call after all (its limit
   * refused it, or it joined a read already running) was still charged: reads are charged when admitted.
   */
  prepay(customerId: string): void {
    if (this.#prepaid.has(customerId)) return;
    if (this.#prepaid.size >= MAX_PREPAID) this.#prepaid.clear();
    this.#prepaid.set(customerId, { hit: this.take(customerId), at: Date.now() });
  }

  /** Charges one call, or throws 429 `rate_limited` (this customer's fault alone: never a breaker failure). */
  async charge(customerId: string): Promise<void> {
    const prepaid = this.#prepaid.get(customerId);
    if (prepaid) this.#prepaid.delete(customerId);
    const { ok, resetMs } =
      prepaid && Date.now() - prepaid.at <= PREPAID_MS ? await prepaid.hit : await this.take(customerId);
    if (ok) return;
    throw new CredytError("rate_limited", "Too many requests. Wait a moment and try again.", {
      retryAfter: Math.max(1, Math.ceil(resetMs / 1000)),
      cause: new Error(`upstream budget of ${this.#limit.limit} calls per ${this.#limit.windowMs} ms spent`),
    });
  }
}

/** How long a prepaid charge waits for its call. */
const PREPAID_MS = 1_000;
/** Prepaid charges kept at most (reads that made no call leave theirs until the next charge). */
const MAX_PREPAID = 10_000;

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
