/**
 * @module @credyt/proxy/redis
 * Shared idempotency and rate-limit stores on Redis, for running the proxy on more than one instance.
 * Built for node-redis v5 (`redis` on npm, an optional peer dependency); nothing here imports it.
 */

import { optionFailure } from "./_internal/config-checks";
import type { WalletFanout } from "./_internal/fanout";
import {
  arrayReply,
  claimFromStored,
  evalScript,
  type RedisStoresClient,
  runCommand,
  type StoredEntry,
} from "./_internal/redis-command";
import { type RedisSubscriberClient, type RedisWalletFanoutOptions, redisWalletFanout } from "./_internal/redis-fanout";
import { CLAIM_SCRIPT, HIT_SCRIPT, RELEASE_SCRIPT } from "./_internal/redis-scripts";
import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore, RateLimitStore } from "./_internal/stores";
import type { CredytStore } from "./_internal/types";

export type { RedisStoresClient, RedisSubscriberClient, RedisWalletFanoutOptions };

/** Options of {@link createRedisStores}. */
export interface RedisStoresOptions {
  /**
   * A node-redis v5 client, already connected (`await client.connect()`). Give it an `error` listener:
   * node-redis emits `error` on every failed reconnect, and an unheard `error` event ends a Node process.
   */
  client: RedisStoresClient;
  /**
   * Put before every key, to share one Redis between apps or environments. The proxy's own keys already
   * start with `credyt:idem:` and `credyt:rate:`. @default ""
   */
  prefix?: string;
  /** Longest wait for one Redis command before the request fails closed with 503. @default 1000 */
  commandTimeoutMs?: number;
}

/** The two stores, ready for `createCredytProxy({ idempotencyStore, rateLimit: { store, … } })`. */
export interface RedisStores {
  /** Pass as `createCredytProxy({ idempotencyStore })`. */
  idempotencyStore: IdempotencyStore;
  /** Pass as `createCredytProxy({ rateLimit: { store: rateLimitStore, limit, windowMs } })`. */
  rateLimitStore: RateLimitStore;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 1_000;

const fail = optionFailure("createRedisStores");

const ms = (value: number) => String(Math.max(1, Math.ceil(value)));

/**
 * Creates an {@link IdempotencyStore} and a {@link RateLimitStore} on one shared Redis, so every proxy
 * instance sees the same `Idempotency-Key`s and counts the same rate limits. A key is claimed atomically
 * (`SET NX PX` in a Lua script); the first response is stored for 24 h and replayed to later and
 * concurrent requests. When Redis cannot answer, store calls throw a 503 `unavailable` CredytError, so
 * POSTs fail closed while GETs, which never touch the stores, keep working.
 *
 * @example
 * import { createCredytProxy } from "@credyt/proxy";
 * import { createRedisStores } from "@credyt/proxy/redis";
 * import { createClient } from "redis";
 *
 * const client = createClient({ url: process.env.REDIS_URL });
 * client.on("error", (error) => console.error("redis", error));
 * await client.connect();
 *
 * const { idempotencyStore, rateLimitStore } = createRedisStores({ client });
 * const credyt = createCredytProxy({
 *   apiKey: process.env.CREDYT_API_KEY!,
 *   getCustomerId: async ({ request }) => (await getSession(request))?.credytCustomerId ?? null,
 *   idempotencyStore,
 *   rateLimit: { store: rateLimitStore, limit: 30, windowMs: 60_000 },
 * });
 */
export function createRedisStores(options: RedisStoresOptions): RedisStores {
  if (typeof options !== "object" || options === null) fail("pass an options object with `client`.");
  const { client } = options;
  if (typeof client !== "object" || client === null || typeof client.sendCommand !== "function") {
    fail(
      '`client` must be a node-redis v5 client: `const client = createClient({ url }); await client.connect();` from "redis".',
    );
  }
  const prefix = options.prefix ?? "";
  if (typeof prefix !== "string") fail('`prefix` must be a string such as "myapp:".');
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    fail("`commandTimeoutMs` must be a positive integer (milliseconds).");

  // The pending value this process wrote for each key it holds: release deletes only that exact value.
  const held = new Map<string, string>();

  const idempotencyStore: IdempotencyStore = {
    async claim(key: string, fingerprint: string, lockTtlMs: number): Promise<IdempotencyClaim> {
      const entry: StoredEntry = { state: "pending", fingerprint, token: crypto.randomUUID() };
      const value = JSON.stringify(entry);
      const reply = arrayReply(
        await evalScript(client, CLAIM_SCRIPT, prefix + key, [value, ms(lockTtlMs)], timeoutMs),
        "claim",
      );
      if (reply[0] === 1) {
        held.set(key, value);
        return { status: "claimed" };
      }
      return claimFromStored(prefix + key, reply[1]);
    },

    async complete(key: string, record: IdempotencyRecord, ttlMs: number): Promise<void> {
      held.delete(key);
      const entry: StoredEntry = { state: "done", record };
      await runCommand(client, ["SET", prefix + key, JSON.stringify(entry), "PX", ms(ttlMs)], timeoutMs);
    },

    async release(key: string): Promise<void> {
      const value = held.get(key);
      held.delete(key);
      if (value === undefined) return;
      await evalScript(client, RELEASE_SCRIPT, prefix + key, [value], timeoutMs);
    },
  };

  const rateLimitStore: RateLimitStore = {
    async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
      const reply = arrayReply(await evalScript(client, HIT_SCRIPT, prefix + key, [ms(windowMs)], timeoutMs), "hit");
      const [count, resetMs] = reply;
      if (typeof count !== "number" || typeof resetMs !== "number") {
        throw new Error(`Unexpected Redis reply to the hit script: ${JSON.stringify(reply)}`);
      }
      return { count, resetMs };
    },
  };

  return { idempotencyStore, rateLimitStore };
}

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions extends RedisStoresOptions {
  /**
   * A second connected client, only for `SUBSCRIBE` (`client.duplicate()`, connected, with an `error`
   * listener): live balance streams and `notify()` then reach every instance. Without it, each instance
   * polls for its own streams and `notify()` reaches only its own.
   */
  subscriber?: RedisSubscriberClient;
}

/**
 * Everything the proxy keeps between requests, on one shared Redis: `Idempotency-Key`s (so two
 * instances never create two top-ups for one key), both rate limits (counted once across instances),
 * the customer mapping of `identify` (so 20 simultaneous first visits create one customer), and, with
 * `subscriber`, the live streams' fan-out. Pass it as `createCredyt({ store })`. When Redis cannot
 * answer, POSTs fail closed with 503 and GETs go on; each failure is reported (`onEvent` `store_error`).
 *
 * @example
 * import { createCredyt } from "@credyt/proxy";
 * import { createRedisStore } from "@credyt/proxy/redis";
 * import { createClient } from "redis";
 *
 * const client = createClient({ url: process.env.REDIS_URL });
 * client.on("error", (error) => console.error("redis", error));
 * const subscriber = client.duplicate();
 * subscriber.on("error", (error) => console.error("redis", error));
 * await Promise.all([client.connect(), subscriber.connect()]);
 *
 * export const credyt = createCredyt({
 *   apiKey: process.env.CREDYT_API_KEY!,
 *   origin: process.env.PUBLIC_ORIGIN,
 *   identify: ({ req }) => (req.user ? { externalId: req.user.id, email: req.user.email } : null),
 *   store: createRedisStore({ client, subscriber }),
 * });
 */
export function createRedisStore(options: RedisStoreOptions): CredytStore {
  const { idempotencyStore, rateLimitStore } = createRedisStores(options);
  const store: CredytStore = { idempotency: idempotencyStore, rateLimit: rateLimitStore };
  if (options.subscriber !== undefined) {
    const fanoutOptions: RedisWalletFanoutOptions = { client: options.client, subscriber: options.subscriber };
    if (options.prefix !== undefined) fanoutOptions.prefix = options.prefix;
    store.fanout = redisWalletFanout(fanoutOptions);
  }
  return store;
}

/**
 * Shares live wallet streams between proxy instances on one Redis: a short per-customer poll lease
 * (`SET NX PX`), so N instances ask Credyt once per interval in total, and a pub/sub channel carrying
 * changed wallets, so `notify()` on one instance reaches the streams held by every other.
 *
 * @example
 * import { createCredytProxy } from "@credyt/proxy";
 * import { createRedisWalletFanout } from "@credyt/proxy/redis";
 * import { createClient } from "redis";
 *
 * const client = createClient({ url: process.env.REDIS_URL });
 * client.on("error", (error) => console.error("redis", error));
 * await client.connect();
 * const subscriber = client.duplicate();
 * subscriber.on("error", (error) => console.error("redis", error));
 * await subscriber.connect();
 *
 * const credyt = createCredytProxy({
 *   apiKey: process.env.CREDYT_API_KEY!,
 *   getCustomerId: async ({ request }) => (await getSession(request))?.credytCustomerId ?? null,
 *   streams: { fanout: createRedisWalletFanout({ client, subscriber }) },
 * });
 */
export function createRedisWalletFanout(options: RedisWalletFanoutOptions): WalletFanout {
  return redisWalletFanout(options);
}
