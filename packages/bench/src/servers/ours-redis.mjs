// Our proxy (built) through its Node adapter with the Redis store (`createRedisStore`): the read limit and
// the upstream budget on, both out of reach (no 429), counted in Redis; the customer is `x-bench-user`.
import { createServer } from "node:http";
import { createCredytProxy } from "@credyt/proxy/node";
import { createRedisStore } from "@credyt/proxy/redis";
import { createClient } from "redis";
import { serve } from "./stats.mjs";

const client = createClient({ url: process.env.REDIS_URL });
client.on("error", () => {});
await client.connect();
// Round trips: node-redis writes the commands sent in one turn of the event loop together (one write, one
// wait for the answers); a batch is counted here the same way, per turn with at least one command.
let batches = 0;
let commands = 0;
let batchOpen = false;
const sendCommand = client.sendCommand.bind(client);
client.sendCommand = (args, options) => {
  commands += 1;
  if (!batchOpen) {
    batchOpen = true;
    batches += 1;
    setImmediate(() => {
      batchOpen = false;
    });
  }
  return sendCommand(args, options);
};
process.on("message", (message) => {
  if (message?.type === "redisBatches") process.send?.({ type: "redisBatches", batches, commands });
});
const proxy = createCredytProxy({
  apiKey: "key_bench",
  apiUrl: process.env.UPSTREAM_URL,
  getCustomerId: ({ req }) => req.headers["x-bench-user"] ?? "cust_bench",
  publicOrigin: "http://127.0.0.1",
  store: createRedisStore({ client }),
  rateLimit: false,
  getRateLimit: { limit: 1_000_000_000, windowMs: 60_000 },
  upstreamBudget: { limit: 1_000_000_000, windowMs: 60_000 },
});
const server = createServer((req, res) => proxy(req, res));
serve(server);
