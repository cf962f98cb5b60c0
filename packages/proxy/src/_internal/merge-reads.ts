import { failureOf } from "./upstream";

/**
 * Concurrent identical reads share one computation, and its answer is kept for `ttlMs` after it settles:
 * twenty tabs asking for the same summary cost Credyt one summary, not twenty. Per proxy instance
 * (`owner`), keyed by what makes the answer (customer and query). Failures are not kept.
 */
const caches = new WeakMap<object, Map<string, { value: Promise<string>; until: number; at: number }>>();

/** A computation still running after this long is not joined (its I/O may have been dropped by the runtime). */
const MAX_PENDING_MS = 30_000;

/** Entries kept per proxy at most; past it, expired ones go first, then the oldest. */
const MAX_ENTRIES = 5_000;

/**
 * The host may cancel the upstream calls of the request that started a shared computation (Next.js
 * abandoning a prerender, a runtime ending a request's I/O): that request gets the cancellation, but a
 * request that only joined is alive, so it computes again (sharing with the other joiners), and if the
 * computation it joins then is cancelled too, it computes alone.
 */
export function mergedRead(
  owner: object,
  key: string,
  ttlMs: number,
  compute: () => Promise<string>,
  rejoin = true,
): Promise<string> {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new Map();
    caches.set(owner, cache);
  }
  const now = Date.now();
  const hit = cache.get(key);
  const pending = hit?.until === Number.POSITIVE_INFINITY;
  if (hit && (pending ? now - hit.at <= MAX_PENDING_MS : hit.until > now)) {
    return hit.value.catch((error: unknown) => {
      if (failureOf(error)?.cancelled !== true) throw error;
      return rejoin ? mergedRead(owner, key, ttlMs, compute, false) : compute();
    });
  }
  if (cache.size >= MAX_ENTRIES) {
    for (const [k, entry] of cache) if (entry.until <= now) cache.delete(k);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  const entry = { value: compute(), until: Number.POSITIVE_INFINITY, at: now };
  cache.set(key, entry);
  // Registered before any joiner's handler, so a failed (or cancelled) entry is gone when joiners react.
  entry.value.then(
    () => {
      entry.until = Date.now() + ttlMs;
    },
    () => {
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  return entry.value;
}

/**
 * Drops the kept answers whose key starts with `prefix` (a customer's summaries when `notify()` says their
 * usage changed), so the next read computes afresh instead of serving the answer from before the change.
 */
export function forgetReads(owner: object, prefix: string): void {
  const cache = caches.get(owner);
  if (!cache) return;
  for (const [key, entry] of cache)
    if (key.startsWith(prefix) && entry.until !== Number.POSITIVE_INFINITY) cache.delete(key);
}
