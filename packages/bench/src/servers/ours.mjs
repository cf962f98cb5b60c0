// Our proxy, built (dist), through its Node adapter, exactly as an app would mount it.
import { createServer } from "node:http";
import { createCredytProxy } from "@credyt/proxy/node";
import { serve } from "./stats.mjs";

const proxy = createCredytProxy({
  apiKey: "key_bench",
  apiUrl: process.env.UPSTREAM_URL,
  getCustomerId: () => "cust_bench",
  // Run with NODE_ENV=production, where "this site" must be configured, never taken from Host.
  publicOrigin: "http://127.0.0.1",
  // This bench floods one customer with reads on purpose: measure overhead, not the per-customer limit.
  getRateLimit: false,
});
const server = createServer((req, res) => proxy(req, res));
serve(server);
