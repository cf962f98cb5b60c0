import { CredytError } from "@credyt/core";
import { isObject } from "./is-object";
import type { IdempotencyClaim, IdempotencyRecord } from "./stores";

/**
 * The Redis client the stores use: a connected node-redis v5 client (`createClient()` from `redis`) has
 * exactly these two members. Anything else that has them works too (an adapter over ioredis or an HTTP Redis).
 */
export interface RedisStoresClient {
  /** `true` while connected and usable; `false` while (re)connecting or closed. */
  readonly isReady: boolean;
  /** Sends one raw command, such as `["EVAL", script, "1", key, arg]`. */
  sendCommand(args: ReadonlyArray<string>, options?: { timeout?: number }): Promise<unknown>;
}

/** Seconds a client is told to wait when the shared store is down (about one reconnect cycle). */
const UNAVAILABLE_RETRY_AFTER_S = 5;

function unavailable(cause: unknown): CredytError {
  return new CredytError("unavailable", "Billing is briefly unavailable. Try again in a few seconds.", {
    retryAfter: UNAVAILABLE_RETRY_AFTER_S,
    cause,
  });
}

/**
 * Runs one command, failing closed: a client that is not ready, a command that times out or any
 * error from Redis becomes a 503 `unavailable` CredytError, never a hang and never a silent pass.
 * Not-ready fails at once: node-redis would otherwise queue the command until it reconnects.
 */
export async function runCommand(
  client: RedisStoresClient,
  args: ReadonlyArray<string>,
  timeoutMs: number,
): Promise<unknown> {
  if (!client.isReady) {
    throw unavailable(
      new Error("the Redis client is not connected (call `await client.connect()`; it may be reconnecting)"),
    );
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  // node-redis's own `timeout` only covers a command still waiting to be written; once sent, a Redis
  // that stopped answering (paused, partitioned) would hold the request for as long as it stays silent.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([client.sendCommand(args, { timeout: timeoutMs }), late]);
  } catch (cause) {
    throw unavailable(cause);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a one-key Lua script with `EVAL` (Redis caches the compiled script by its hash). */
export function evalScript(
  client: RedisStoresClient,
  script: string,
  key: string,
  args: ReadonlyArray<string>,
  timeoutMs: number,
): Promise<unknown> {
  return runCommand(client, ["EVAL", script, "1", key, ...args], timeoutMs);
}

/** What an idempotency key holds in Redis: a claim in progress, or the finished record. */
export type StoredEntry =
  | { state: "pending"; fingerprint: string; token: string }
  | { state: "done"; record: IdempotencyRecord };

function isIdempotencyRecord(value: unknown): value is IdempotencyRecord {
  if (!isObject(value) || typeof value.fingerprint !== "string" || !isObject(value.response)) return false;
  const { status, headers, body } = value.response;
  return (
    typeof status === "number" &&
    typeof body === "string" &&
    isObject(headers) &&
    Object.values(headers).every((header) => typeof header === "string")
  );
}

/** Reads a stored entry back into a claim answer; anything else under the key is a bug or a foreign writer. */
export function claimFromStored(key: string, text: unknown): IdempotencyClaim {
  let entry: unknown;
  try {
    entry = typeof text === "string" ? JSON.parse(text) : undefined;
  } catch {
    entry = undefined;
  }
  if (isObject(entry) && entry.state === "pending" && typeof entry.fingerprint === "string") {
    return { status: "pending", fingerprint: entry.fingerprint };
  }
  if (isObject(entry) && entry.state === "done" && isIdempotencyRecord(entry.record)) {
    return { status: "done", record: entry.record };
  }
  throw new Error(
    `Redis key "${key}" does not hold an idempotency entry; is another program writing to the same prefix?`,
  );
}

/** The reply of a script returning `{number, number}` (or `{1}`, `{0, value}`), checked. */
export function arrayReply(reply: unknown, script: string): unknown[] {
  if (!Array.isArray(reply)) throw new Error(`Unexpected Redis reply to the ${script} script: ${String(reply)}`);
  return reply;
}
