import type { WalletFanout } from "./fanout";
import type { IdempotencyStore, RateLimitStore } from "./stores";

type Report = (operation: string, error: unknown) => void;

/**
 * The stores as the proxy uses them: every failure is reported (`onEvent` `store_error`, the development
 * log) and then thrown on, so code that carries on past a failure (a GET when the rate-limit store is
 * down, a top-up whose answer could not be recorded) never hides it.
 */
export function reportingIdempotency(store: IdempotencyStore, report: Report): IdempotencyStore {
  const watch =
    <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        report(operation, error);
        throw error;
      }
    };
  return {
    claim: watch("idempotency.claim", (key: string, print: string, ttl: number) => store.claim(key, print, ttl)),
    complete: watch(
      "idempotency.complete",
      (key: string, record: Parameters<IdempotencyStore["complete"]>[1], ttl: number) =>
        store.complete(key, record, ttl),
    ),
    release: watch("idempotency.release", (key: string) => store.release(key)),
  };
}

export function reportingRateLimit(store: RateLimitStore, report: Report): RateLimitStore {
  return {
    async hit(key, windowMs) {
      try {
        return await store.hit(key, windowMs);
      } catch (error) {
        report("rate_limit.hit", error);
        throw error;
      }
    },
  };
}

export function reportingFanout(fanout: WalletFanout, report: Report): WalletFanout {
  const watch = async <R>(operation: string, call: () => Promise<R>): Promise<R> => {
    try {
      return await call();
    } catch (error) {
      report(operation, error);
      throw error;
    }
  };
  return {
    lease: (customerId, ttlMs) => watch("fanout.lease", () => fanout.lease(customerId, ttlMs)),
    publish: (customerId, text) => watch("fanout.publish", () => fanout.publish(customerId, text)),
    subscribe: (listener) => watch("fanout.subscribe", () => fanout.subscribe(listener)),
  };
}
