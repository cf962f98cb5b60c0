// Floor 2: the same passthrough written as a Fetch handler, behind a minimal Node bridge. Any
// Fetch-style handler (ours included) pays for this bridge; it is the fair baseline for our proxy.
import { createServer } from "node:http";
import { serve } from "./stats.mjs";

const upstream = process.env.UPSTREAM_URL;

async function handler(_request) {
  const r = await fetch(`${upstream}/customers/cust_bench/wallet`, { headers: { "x-credyt-api-key": "key_bench" } });
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
