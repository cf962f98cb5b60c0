// The floor for open streams: a bare node:http SSE server holding the same connections and sending the same
// events as the proxy's GET /wallet/stream (a retry hint, the wallet first, a heartbeat comment and event every 15 s),
// with no upstream: what holding N event-stream connections costs Node itself. Over IPC, `emit` sends one
// wallet event to a customer's connections (as the proxy's notify() ends in one).
import { createServer } from "node:http";
import { serve } from "./stats.mjs";

const wallet = (available) =>
  `{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":${available},"pending_in":0,"pending_out":0},{"id":"default:TOK","name":"default","asset":"TOK","available":993450234,"pending_in":0,"pending_out":0}]}`;
const byCustomer = new Map();
let streams = 0;
let version = 0;

const server = createServer((req, res) => {
  const who = String(req.headers["x-bench-user"] ?? "cust_bench");
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-accel-buffering": "no",
  });
  res.write(`retry: 3000\n\nid: ${version}\nevent: wallet\ndata: ${wallet("14.566678")}\n\n`);
  // The proxy's heartbeat, byte for byte: a comment (for proxies between) and an event (for the browser).
  const heartbeat = setInterval(() => res.write(": heartbeat\nevent: heartbeat\ndata: 15000\n\n"), 15_000);
  const mine = byCustomer.get(who) ?? new Set();
  byCustomer.set(who, mine);
  mine.add(res);
  streams += 1;
  res.on("close", () => {
    clearInterval(heartbeat);
    mine.delete(res);
    if (mine.size === 0) byCustomer.delete(who);
    streams -= 1;
  });
});
serve(server);
process.on("message", (message) => {
  if (message?.type === "notify") {
    version += 1;
    for (const res of byCustomer.get(message.customerId) ?? [])
      res.write(`id: ${version}\nevent: wallet\ndata: ${wallet(`14.${version}`)}\n\n`);
    process.send?.({ type: "notified", id: message.id });
  }
  if (message?.type === "streamStats")
    process.send?.({ type: "streamStats", stats: { streams, customers: byCustomer.size } });
});
