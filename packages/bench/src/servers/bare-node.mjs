// Floor 1: the least a node:http server can do to forward GET /wallet with fetch.
import { createServer } from "node:http";
import { serve } from "./stats.mjs";

const upstream = process.env.UPSTREAM_URL;
const server = createServer(async (_req, res) => {
  const r = await fetch(`${upstream}/customers/cust_bench/wallet`, { headers: { "x-credyt-api-key": "key_bench" } });
  const text = await r.text();
  res.writeHead(r.status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(text);
});
serve(server);
