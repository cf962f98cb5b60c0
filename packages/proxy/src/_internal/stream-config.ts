import { checkMilliseconds } from "./config";
import { fail } from "./config-checks";
import type { WalletFanout, WalletStreamOptions } from "./fanout";
import type { HubSettings } from "./wallet-hub";

/**
 * Polls per second one instance sends Credyt at most, all customers together: 10,000 idle streams would
 * otherwise poll about 670 times a second (each backed off to 15 s). Changes reach streams at once through
 * `notify()`; the budget only stretches the polls that look for changes nobody notified.
 */
const DEFAULT_MAX_POLLS_PER_SECOND = 50;

/** Resolved stream settings, or `undefined` when streams are turned off (`streams: false`). */
export interface StreamConfig extends HubSettings {
  retryMs: number;
  maxQueuedBytes: number;
  stallMs: number;
}

/** Validates `streams` once, at creation, with messages that say what to fix. */
export function resolveStreamConfig(
  value: WalletStreamOptions | false | undefined,
  storeFanout?: WalletFanout,
): StreamConfig | undefined {
  if (value === false) return undefined;
  if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) {
    fail("`streams` must be an object such as { pollIntervalMs: 2000 }, or false to turn live balances off.");
  }
  const options = value ?? {};
  const pollIntervalMs = checkMilliseconds(options.pollIntervalMs ?? 2_000, "streams.pollIntervalMs", fail);
  const maxPollIntervalMs = checkMilliseconds(
    options.maxPollIntervalMs ?? Math.max(15_000, pollIntervalMs),
    "streams.maxPollIntervalMs",
    fail,
  );
  if (maxPollIntervalMs < pollIntervalMs) {
    fail(
      `\`streams.maxPollIntervalMs\` (${maxPollIntervalMs}) is below \`streams.pollIntervalMs\` (${pollIntervalMs}); raise it.`,
    );
  }
  const heartbeatMs = checkMilliseconds(options.heartbeatMs ?? 15_000, "streams.heartbeatMs", fail);
  const retryMs = checkMilliseconds(options.retryMs ?? 3_000, "streams.retryMs", fail);
  const maxQueuedBytes = options.maxQueuedBytes ?? 65_536;
  if (typeof maxQueuedBytes !== "number" || !Number.isInteger(maxQueuedBytes) || maxQueuedBytes < 1024) {
    fail(`\`streams.maxQueuedBytes\` must be an integer of at least 1024, got ${String(maxQueuedBytes)}.`);
  }
  const stallMs = checkMilliseconds(options.stallMs ?? 2 * heartbeatMs, "streams.stallMs", fail);
  const max = options.maxStreamsPerCustomer ?? 10;
  if (typeof max !== "number" || !Number.isInteger(max) || max <= 0) {
    fail(`\`streams.maxStreamsPerCustomer\` must be a positive integer, got ${String(max)}.`);
  }
  const maxPollsPerSecond = options.maxPollsPerSecond ?? DEFAULT_MAX_POLLS_PER_SECOND;
  if (typeof maxPollsPerSecond !== "number" || !Number.isFinite(maxPollsPerSecond) || maxPollsPerSecond <= 0) {
    fail(`\`streams.maxPollsPerSecond\` must be a positive number, got ${String(maxPollsPerSecond)}.`);
  }
  // `streams.fanout` (the older place) wins over the store's.
  const fanout = options.fanout ?? storeFanout;
  if (
    fanout !== undefined &&
    (typeof fanout !== "object" ||
      fanout === null ||
      typeof fanout.lease !== "function" ||
      typeof fanout.publish !== "function" ||
      typeof fanout.subscribe !== "function")
  ) {
    fail("`streams.fanout` must implement `lease`, `publish` and `subscribe`, e.g. createRedisWalletFanout({ … }).");
  }
  return {
    pollIntervalMs,
    maxPollIntervalMs,
    heartbeatMs,
    retryMs,
    maxQueuedBytes,
    stallMs,
    maxStreamsPerCustomer: max,
    maxPollsPerSecond,
    fanout,
  };
}
