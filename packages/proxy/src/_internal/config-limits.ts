import { checkMethods, checkMilliseconds, fail, show } from "./config-checks";
import { isObject } from "./is-object";
import { MemoryRateLimitStore } from "./memory-rate-limit-store";
import type { RateLimitStore } from "./stores";

export const DEFAULT_RATE_LIMIT = { limit: 30, windowMs: 60_000 };
export const DEFAULT_GET_RATE_LIMIT = { limit: 120, windowMs: 60_000 };
export const DEFAULT_UPSTREAM_BUDGET = { limit: 300, windowMs: 60_000 };
export const DEFAULT_BREAKER = { threshold: 5, cooldownMs: 5_000 };

export interface ResolvedRateLimit {
  store: RateLimitStore;
  limit: number;
  windowMs: number;
}

/** `rateLimit` / `getRateLimit`: `false`, or a limit per customer per window in a store. */
export function resolveRateLimit(
  value: unknown,
  name: string,
  fallback: { limit: number; windowMs: number },
  what: string,
  defaultStore?: RateLimitStore,
): ResolvedRateLimit | undefined {
  if (value === false) return undefined;
  const rl: unknown = value === undefined ? fallback : value;
  if (!isObject(rl)) fail(`\`${name}\` must be { limit, windowMs } or false, got ${show(value)}.`);
  if (typeof rl.limit !== "number" || !Number.isInteger(rl.limit) || rl.limit <= 0)
    fail(`\`${name}.limit\` must be a positive integer (${what} per customer per window), got ${show(rl.limit)}.`);
  const windowMs = checkMilliseconds(rl.windowMs, `${name}.windowMs`, fail);
  if (rl.store !== undefined) checkMethods(rl.store, `${name}.store`, ["hit"], "new MemoryRateLimitStore()");
  const store = (rl.store as RateLimitStore | undefined) ?? defaultStore ?? new MemoryRateLimitStore();
  return { store, limit: rl.limit, windowMs };
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
