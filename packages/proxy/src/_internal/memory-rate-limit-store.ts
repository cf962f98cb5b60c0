import { LRUCache } from "lru-cache";
import type { RateLimitStore } from "./stores";

/** Options of {@link MemoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /** Most keys tracked at once. @default 10000 */
  max?: number;
}

/** The default {@link RateLimitStore}: fixed windows counted in this process. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows: LRUCache<string, { count: number; resetAt: number }>;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#windows = new LRUCache({ max: options.max ?? 10_000 });
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const now = Date.now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window, { ttl: windowMs });
    }
    window.count += 1;
    return { count: window.count, resetMs: window.resetAt - now };
  }
}
