import { CredytError, toHex } from "@credyt/core";
import { sleep } from "./sleep";
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from "./stores";

/** How long a finished top-up's answer is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long an upstream failure is replayed: long enough for concurrent waiters, short enough to retry. */
export const FAILURE_TTL_MS = 3_000;

/** Lower-case hex SHA-256 of `text`. */
export async function sha256(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** SHA-256 of the method, route and validated body: what "the same request" means. */
export async function fingerprint(method: string, route: string, body: Record<string, unknown>): Promise<string> {
  const canonical = JSON.stringify(
    Object.keys(body)
      .sort()
      .map((key) => [key, body[key]]),
  );
  return sha256(`${method} ${route}\n${canonical}`);
}

function conflict(message: string): CredytError {
  return new CredytError("idempotency_conflict", message);
}

/** What the request run under the key produced, and how long to remember it (0: forget it). */
export interface Outcome {
  response: StoredResponse;
  ttlMs: number;
  /** The request may have been carried out upstream although it failed (see `IdempotencyRecord.uncertain`). */
  uncertain?: boolean;
  /** Rethrown to the first caller after its response is stored (so it is logged once). */
  error?: CredytError;
}

/**
 * Runs `run` once per key: concurrent requests with the same key wait for the first one's answer
 * (in-flight coalescing), later ones replay it. A different body under the same key is a 409.
 */
export async function once(
  store: IdempotencyStore,
  key: string,
  print: string,
  lockTtlMs: number,
  run: () => Promise<Outcome>,
): Promise<{ response: StoredResponse; replayed: boolean; uncertain: boolean; failedAt?: number | undefined }> {
  const deadline = Date.now() + lockTtlMs + 1_000;
  for (let wait = 10; ; wait = Math.min(wait * 2, 100)) {
    const claim = await store.claim(key, print, lockTtlMs);
    if (claim.status === "done") {
      if (claim.record.fingerprint !== print) {
        throw conflict("This Idempotency-Key was already used for a different request. Use a new key per purchase.");
      }
      return {
        response: claim.record.response,
        replayed: true,
        uncertain: claim.record.uncertain === true,
        failedAt: claim.record.failedAt,
      };
    }
    if (claim.status === "pending") {
      if (claim.fingerprint !== print) {
        throw conflict("This Idempotency-Key is in use by a different request. Use a new key per purchase.");
      }
      if (Date.now() > deadline)
        throw conflict("A request with this Idempotency-Key is still in progress. Try again shortly.");
      await sleep(wait);
      continue;
    }
    let outcome: Outcome;
    try {
      outcome = await run();
    } catch (error) {
      await store.release(key);
      throw error;
    }
    try {
      const record: IdempotencyRecord = { fingerprint: print, response: outcome.response };
      if (outcome.uncertain) {
        record.uncertain = true;
        record.failedAt = Date.now();
      }
      if (outcome.ttlMs > 0) await store.complete(key, record, outcome.ttlMs);
      else await store.release(key);
    } catch (error) {
      // The top-up exists now: answering an error would invite a retry. The claim still holds the
      // key until its lock expires, so the customer gets the truth and a replay stays blocked meanwhile.
      void error;
    }
    if (outcome.error) throw outcome.error;
    return { response: outcome.response, replayed: false, uncertain: outcome.uncertain === true };
  }
}
