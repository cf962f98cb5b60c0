import { LRUCache } from "lru-cache";
import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore } from "./stores";

type Entry = { state: "pending"; fingerprint: string } | { state: "done"; record: IdempotencyRecord };

/** Options of {@link MemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** Most keys kept; the least recently used go first when full. @default 10000 */
  max?: number;
}

/**
 * The default {@link IdempotencyStore}: an LRU map in this process. Use a shared store (Redis) when
 * you run more than one server process, or keys claimed on one are unknown to the others.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #cache: LRUCache<string, Entry>;

  constructor(options: MemoryIdempotencyStoreOptions = {}) {
    this.#cache = new LRUCache<string, Entry>({ max: options.max ?? 10_000, ttlAutopurge: false });
  }

  async claim(key: string, fingerprint: string, lockTtlMs: number): Promise<IdempotencyClaim> {
    const entry = this.#cache.get(key);
    if (entry?.state === "done") return { status: "done", record: entry.record };
    if (entry?.state === "pending") return { status: "pending", fingerprint: entry.fingerprint };
    this.#cache.set(key, { state: "pending", fingerprint }, { ttl: lockTtlMs });
    return { status: "claimed" };
  }

  async complete(key: string, record: IdempotencyRecord, ttlMs: number): Promise<void> {
    this.#cache.set(key, { state: "done", record }, { ttl: ttlMs });
  }

  async release(key: string): Promise<void> {
    if (this.#cache.get(key)?.state === "pending") this.#cache.delete(key);
  }
}
