import { checkMethods, checkMilliseconds, fail, show } from "./config-checks";
import { isObject } from "./is-object";
import type { RateLimitStore } from "./stores";

const DEFAULT_RATE_LIMIT = { limit: 30, windowMs: 60_000 };
const DEFAULT_GET_RATE_LIMIT = { limit: 120, windowMs: 60_000 };
const DEFAULT_UPSTREAM_BUDGET = { limit: 300, windowMs: 60_000 };
export const DEFAULT_BREAKER = { threshold: 5, cooldownMs: 5_000 };

export interface ResolvedRateLimit {
  store: RateLimitStore;
  limit: number;
  windowMs: number;
}

/** One limit: `false` (off), or a partial `{ limit, windowMs }` merged over `fallback`. */
function resolveLimit(
  value: unknown,
  name: string,
  fallback: { limit: number; windowMs: number },
  what: string,
  store: RateLimitStore,
): ResolvedRateLimit | undefined {
  if (value === false) return undefined;
  if (value !== undefined && !isObject(value))
    fail(`\`${name}\` must be { limit?, windowMs? } or false, got ${show(value)}.`);
  const given = (value ?? {}) as Record<string, unknown>;
  const limit = given.limit ?? fallback.limit;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit <= 0)
    fail(`\`${name}.limit\` must be a positive integer (${what} per customer per window), got ${show(limit)}.`);
  const windowMs = checkMilliseconds(given.windowMs ?? fallback.windowMs, `${name}.windowMs`, fail);
  if (given.store !== undefined) checkMethods(given.store, `${name}.store`, ["hit"], "new MemoryRateLimitStore()");
  return { store: (given.store as RateLimitStore | undefined) ?? store, limit, windowMs };
}

/**
 * `rateLimit: { reads, writes }` (each merged over its default, `false` for off), `rateLimit: false` (both
 * off), or the older `rateLimit: { limit, windowMs, store? }` (writes) with `getRateLimit` (reads).
 * A limit turned off is off: nothing falls back to another limit.
 */
export function resolveRateLimits(
  rateLimit: unknown,
  getRateLimit: unknown,
  store: RateLimitStore,
): { reads: ResolvedRateLimit | undefined; writes: ResolvedRateLimit | undefined } {
  if (rateLimit !== undefined && rateLimit !== false && !isObject(rateLimit))
    fail(`\`rateLimit\` must be { reads?, writes? } or false, got ${show(rateLimit)}.`);
  const legacy =
    getRateLimit !== undefined ||
    (isObject(rateLimit) && ("limit" in rateLimit || "windowMs" in rateLimit || "store" in rateLimit));
  if (isObject(rateLimit) && !legacy) {
    for (const key of Object.keys(rateLimit))
      if (key !== "reads" && key !== "writes")
        fail(`\`rateLimit.${key}\` is not an option; use \`reads\` and \`writes\`.`);
  }
  let writes: ResolvedRateLimit | undefined;
  let reads: ResolvedRateLimit | undefined;
  if (legacy) {
    writes = resolveLimit(rateLimit, "rateLimit", DEFAULT_RATE_LIMIT, "POSTs", store);
    // GETs count in the POSTs' store unless told otherwise: a shared (Redis) store then limits both.
    reads = resolveLimit(getRateLimit, "getRateLimit", DEFAULT_GET_RATE_LIMIT, "GETs", writes?.store ?? store);
  } else if (rateLimit === false) {
    writes = undefined;
    reads = undefined;
  } else {
    const limits = (rateLimit ?? {}) as Record<string, unknown>;
    writes = resolveLimit(limits.writes, "rateLimit.writes", DEFAULT_RATE_LIMIT, "POSTs", store);
    reads = resolveLimit(limits.reads, "rateLimit.reads", DEFAULT_GET_RATE_LIMIT, "GETs", store);
  }
  return { reads, writes };
}

/** `circuitBreaker`: `false`, or when to stop calling a failing Credyt and for how long. */
export function resolveCircuitBreaker(value: unknown): { threshold: number; cooldownMs: number } | undefined {
  if (value === false) return undefined;
  const cb: unknown = value ?? {};
  if (!isObject(cb)) fail(`\`circuitBreaker\` must be { threshold?, cooldownMs? } or false, got ${show(value)}.`);
  const threshold = cb.threshold ?? DEFAULT_BREAKER.threshold;
  if (typeof threshold !== "number" || !Number.isInteger(threshold) || threshold <= 0)
    fail(`\`circuitBreaker.threshold\` must be a positive integer (failures in a row), got ${show(threshold)}.`);
  const cooldownMs = checkMilliseconds(cb.cooldownMs ?? DEFAULT_BREAKER.cooldownMs, "circuitBreaker.cooldownMs", fail);
  return { threshold, cooldownMs };
}

/** `upstreamBudget`: `false`, or a partial `{ limit, windowMs }` of calls to Credyt per customer, counted in `store`. */
export function resolveUpstreamBudget(value: unknown, store: RateLimitStore): ResolvedRateLimit | undefined {
  return resolveLimit(value, "upstreamBudget", DEFAULT_UPSTREAM_BUDGET, "calls to Credyt", store);
}
