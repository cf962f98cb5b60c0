// Our proxy (built) with live streams, through its Node adapter; the customer is the `x-bench-user`
// header. With REDIS_URL, instances share polls and changes through createRedisWalletFanout.
// Over IPC: `notify` (answers when done) and `streamStats`, so measuring never uses the HTTP path.
import { createServer } from "node:http";
import { createCredytProxy } from "@credyt/proxy/node";
import { createRedisWalletFanout } from "@credyt/proxy/redis";
import { createClient } from "redis";
import { serve } from "./stats.mjs";

const pollIntervalMs = Number(process.env.POLL_MS ?? 2000);
let fanout;
if (process.env.REDIS_URL) {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on("error", () => {});
  await client.connect();
  const subscriber = client.duplicate();
  subscriber.on("error", () => {});
  await subscriber.connect();
  fanout = createRedisWalletFanout({ client, subscriber, commandTimeoutMs: 5000 });
}
const proxy = createCredytProxy({
  apiKey: "key_bench",
  apiUrl: process.env.UPSTREAM_URL,
  // The bench runs with NODE_ENV=production, where "this site" must come from configuration.
  publicOrigin: "http://127.0.0.1",
  getCustomerId: ({ req }) => req.headers["x-bench-user"] ?? null,
  // DEFAULTS=1: the product's stream settings (poll every 2 s, backing off to 15 s for idle customers).
  // MAX_POLLS_PER_S (with DEFAULTS): the same, with another poll budget (the bench's "polls off" run).
  streams: process.env.DEFAULTS
    ? process.env.MAX_POLLS_PER_S
      ? { maxPollsPerSecond: Number(process.env.MAX_POLLS_PER_S) }
      : {}
    : {
        pollIntervalMs,
        maxPollIntervalMs: Number(process.env.MAX_POLL_MS ?? pollIntervalMs),
        maxStreamsPerCustomer: 100,
        ...(fanout ? { fanout } : {}),
      },
});
const server = createServer((req, res) => proxy(req, res));
serve(server);
process.on("message", (message) => {
  if (message?.type === "notify") {
    proxy.notify(message.customerId).then(
      () => process.send?.({ type: "notified", id: message.id }),
      (error) => process.send?.({ type: "notified", id: message.id, error: String(error) }),
    );
  }
  if (message?.type === "streamStats") process.send?.({ type: "streamStats", stats: proxy.streamStats() });
});
