import { checkWallet } from "@credyt/core";
import { optionFailure } from "./config-checks";
import type { WalletFanout } from "./fanout";
import { CUSTOMER_ID_PATTERN } from "./patterns";
import { type RedisStoresClient, runCommand } from "./redis-command";

/**
 * The subscriber connection of the wallet fan-out: a node-redis v5 client in subscriber mode
 * (`client.duplicate()`, connected). Redis allows no other command on a subscribed connection.
 */
export interface RedisSubscriberClient {
  /** node-redis v5's `subscribe(channel, listener)`. */
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
  /** node-redis v5's `unsubscribe(channel, listener)`. */
  unsubscribe(channel: string, listener?: (message: string, channel: string) => void): Promise<unknown>;
}

/** Options of {@link createRedisWalletFanout}. */
export interface RedisWalletFanoutOptions {
  /** A connected node-redis v5 client for leases and `PUBLISH` (the stores' client will do). */
  client: RedisStoresClient;
  /** A second, connected client only for `SUBSCRIBE`: `const subscriber = client.duplicate(); await subscriber.connect();`. */
  subscriber: RedisSubscriberClient;
  /** Put before every key and the channel, as in `createRedisStores`. @default "" */
  prefix?: string;
  /** Longest wait for one Redis command. @default 1000 */
  commandTimeoutMs?: number;
}

const fail = optionFailure("createRedisWalletFanout");

/** A published message, checked: a customer id and a wallet in the wire shape; anything else is dropped. */
function parseMessage(message: string): { customerId: string; walletText: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { c, w } = parsed as { c?: unknown; w?: unknown };
  if (typeof c !== "string" || !CUSTOMER_ID_PATTERN.test(c) || typeof w !== "string") return undefined;
  try {
    if (checkWallet(JSON.parse(w)).length > 0) return undefined;
  } catch {
    return undefined;
  }
  return { customerId: c, walletText: w };
}

/** Makes the wallet fan-out on Redis; see `createRedisWalletFanout` in `@credyt/proxy/redis`. */
export function redisWalletFanout(options: RedisWalletFanoutOptions): WalletFanout {
  if (typeof options !== "object" || options === null) fail("pass an options object with `client` and `subscriber`.");
  const { client, subscriber } = options;
  if (typeof client !== "object" || client === null || typeof client.sendCommand !== "function") {
    fail('`client` must be a connected node-redis v5 client: `createClient({ url })` from "redis".');
  }
  if (
    typeof subscriber !== "object" ||
    subscriber === null ||
    typeof subscriber.subscribe !== "function" ||
    typeof subscriber.unsubscribe !== "function"
  ) {
    fail(
      "`subscriber` must be a second connected client: `const subscriber = client.duplicate(); await subscriber.connect();`.",
    );
  }
  const prefix = options.prefix ?? "";
  if (typeof prefix !== "string") fail('`prefix` must be a string such as "myapp:".');
  const timeoutMs = options.commandTimeoutMs ?? 1_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    fail("`commandTimeoutMs` must be a positive integer (milliseconds).");
  const channel = `${prefix}credyt:live:wallets`;
  const owner = crypto.randomUUID();

  return {
    async lease(customerId, ttlMs) {
      const key = `${prefix}credyt:live:lease:${customerId}`;
      const ttl = String(Math.max(1, Math.ceil(ttlMs)));
      return (await runCommand(client, ["SET", key, owner, "NX", "PX", ttl], timeoutMs)) === "OK";
    },
    async publish(customerId, walletText) {
      await runCommand(client, ["PUBLISH", channel, JSON.stringify({ c: customerId, w: walletText })], timeoutMs);
    },
    async subscribe(listener) {
      const onMessage = (message: string) => {
        const parsed = parseMessage(message);
        if (parsed) listener(parsed.customerId, parsed.walletText);
      };
      await subscriber.subscribe(channel, onMessage);
      return async () => {
        await subscriber.unsubscribe(channel, onMessage);
      };
    },
  };
}
