/**
 * Storage interfaces of the proxy. Every method is async so that a shared store (Redis, a database)
 * can implement them; the in-memory defaults only hold for a single server process.
 */

/** A response the proxy answered once and replays for the same `Idempotency-Key`. */
export interface StoredResponse {
  /** The HTTP status answered. */
  status: number;
  /** Response headers worth replaying (content type, `Location`…); never hop-by-hop or per-request ones. */
  headers: Record<string, string>;
  /** The body text exactly as first sent. */
  body: string;
}

/** What the proxy saves under an idempotency key once the first request has finished. */
export interface IdempotencyRecord {
  /** Hash of the method, path and validated body; another body under the same key is a conflict. */
  fingerprint: string;
  /** The response to replay. */
  response: StoredResponse;
  /**
   * The request failed in a way that may still have created the top-up upstream (a timeout, a reset
   * after sending): a retry looks the top-up up before answering `response` or creating another.
   */
  uncertain?: boolean;
  /** When an uncertain failure happened (ms since the epoch): a late creation may still land for a while. */
  failedAt?: number;
}

/** The answer of {@link IdempotencyStore.claim}. */
export type IdempotencyClaim =
  /** Nobody holds the key: the caller now does, and must `complete` or `release` it. */
  | { status: "claimed" }
  /** Another request holds the key and has not finished yet. */
  | { status: "pending"; fingerprint: string }
  /** A request with this key has already finished: replay `record.response`. */
  | { status: "done"; record: IdempotencyRecord };

/**
 * Remembers `Idempotency-Key`s so a retried or concurrent top-up never creates a second one.
 * `claim` must be atomic (one caller wins); Redis: `SET key value NX PX ttl`.
 */
export interface IdempotencyStore {
  /** Takes the key for `lockTtlMs` unless it is taken or done; never overwrites. */
  claim(key: string, fingerprint: string, lockTtlMs: number): Promise<IdempotencyClaim>;
  /** Saves the finished response for `ttlMs` (24 h) and ends the claim. */
  complete(key: string, record: IdempotencyRecord, ttlMs: number): Promise<void>;
  /** Drops a claim whose request failed in a way that may be retried (timeouts, 5xx, rate limits). */
  release(key: string): Promise<void>;
}

/** Counts requests per key in fixed windows. */
export interface RateLimitStore {
  /** Counts one hit for `key` and answers the count in the current window and the ms until it resets. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}
