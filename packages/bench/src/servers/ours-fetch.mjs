// Our proxy's Fetch handler behind the same minimal bridge as bare-fetch.mjs: separates the cost of
// the proxy core from the cost of our Node adapter.
import { createServer } from "node:http";
import { createCredytProxy } from "@credyt/proxy";
import { serve } from "./stats.mjs";

const handler = createCredytProxy({
  apiKey: "key_bench",
  apiUrl: process.env.UPSTREAM_URL,
  getCustomerId: () => "cust_bench",
  // Run with NODE_ENV=production, where "this site" must be configured, never taken from Host.
  publicOrigin: "http://127.0.0.1",
  // This bench floods one customer with reads on purpose: measure overhead, not the per-customer limit.
  getRateLimit: false,
});
const server = createServer(async (req, res) => {
  const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
serve(server);
