import { MemoryIdempotencyStore } from "./memory-idempotency-store";
import { MemoryRateLimitStore } from "./memory-rate-limit-store";
import type { CredytStore } from "./types";

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Most idempotency keys and rate-limit windows kept each; the least recently used go first. @default 10000 */
  max?: number;
}

/**
 * The default store: idempotency keys, rate limits and the customer mapping in this process (LRU maps).
 * Enough for one server process; with more than one, use `createRedisStore` from `@credyt/proxy/redis`.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): CredytStore {
  const max = options.max ?? 10_000;
  return { idempotency: new MemoryIdempotencyStore({ max }), rateLimit: new MemoryRateLimitStore({ max }) };
}
