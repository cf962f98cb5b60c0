// Floor 1: the least a node:http server can do to forward GET /wallet with fetch.
import { createServer } from "node:http";
import { serve } from "./stats.mjs";

const upstream = process.env.UPSTREAM_URL;
const server = createServer(async (req, res) => {
  const customer = req.headers["x-bench-user"] ?? "cust_bench";
  const r = await fetch(`${upstream}/customers/${customer}/wallet`, { headers: { "x-credyt-api-key": "key_bench" } });
  const text = await r.text();
  res.writeHead(r.status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(text);
});
serve(server);
