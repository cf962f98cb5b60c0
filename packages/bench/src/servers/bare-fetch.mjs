// The floor: the same passthrough written as a Fetch handler (global fetch), behind a minimal Node bridge.
// Any Fetch-style handler (ours included) pays for this bridge; it is the fair baseline for our proxy.
// The customer is the `x-bench-user` header (one fixed customer when absent), as in our proxy's servers.
// FETCH=pool: the same passthrough calling through the Node adapter's pool (a diagnostic: the floor with the
// fetch our Node adapter uses, so the proxy's own cost shows apart from the fetch's).
// TIMEOUT=1: the same passthrough with its upstream call bounded as any correct proxy must bound it on a
// Fetch runtime (an AbortController, its signal and a timer per call): a diagnostic, never the floor.
import { createServer } from "node:http";
import { createUpstreamFetch } from "@credyt/proxy/node";
import { serve } from "./stats.mjs";

const upstream = process.env.UPSTREAM_URL;
const fetch = process.env.FETCH === "pool" ? createUpstreamFetch({ connections: 50 }) : globalThis.fetch;
const bounded = process.env.TIMEOUT === "1";

async function handler(request) {
  const customer = request.headers.get("x-bench-user") ?? "cust_bench";
  const init = { headers: { "x-credyt-api-key": "key_bench" } };
  let timer;
  if (bounded) {
    const controller = new AbortController();
    timer = setTimeout(() => controller.abort(), 10_000);
    init.signal = controller.signal;
  }
  const r = await fetch(`${upstream}/customers/${customer}/wallet`, init);
  const text = await r.text();
  clearTimeout(timer);
  return new Response(text, {
    status: r.status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

const server = createServer(async (req, res) => {
  const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
serve(server);
