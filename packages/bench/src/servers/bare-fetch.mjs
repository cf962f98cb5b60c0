// The floor: the same passthrough written as a Fetch handler (global fetch), behind a minimal Node bridge.
// Any Fetch-style handler (ours included) pays for this bridge; it is the fair baseline for our proxy.
// The customer is the `x-bench-user` header (one fixed customer when absent), as in our proxy's servers.
// FETCH=pool: the same passthrough calling through the Node adapter's pool (a diagnostic: the floor with the
// fetch our Node adapter uses, so the proxy's own cost shows apart from the fetch's).
import { createServer } from "node:http";
import { createUpstreamFetch } from "@credyt/proxy/node";
import { serve } from "./stats.mjs";

const upstream = process.env.UPSTREAM_URL;
const fetch = process.env.FETCH === "pool" ? createUpstreamFetch({ connections: 50 }) : globalThis.fetch;

async function handler(request) {
  const customer = request.headers.get("x-bench-user") ?? "cust_bench";
  const r = await fetch(`${upstream}/customers/${customer}/wallet`, { headers: { "x-credyt-api-key": "key_bench" } });
  return new Response(await r.text(), {
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
