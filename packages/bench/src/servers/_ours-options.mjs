// The options every proxy bench server shares. Rate limits and the upstream budget are off for reads AND posts: `getRateLimit: false`
// alone falls back to the POST limit (fixed on the issue-22 branch), which answered 429 to most of the load.
// Unset FETCH: each adapter's default on Node, the upstream pool for both (the Fetch handler resolves to the
// package's Node build through its `node` export condition). FETCH=global passes Node's global fetch (no pool:
// what the Fetch handler does on a Fetch runtime); FETCH=pool passes an explicit pool of POOL connections.
import { createUpstreamFetch } from "@credyt/proxy/node";

export function oursOptions(getCustomerId) {
  const mode = process.env.FETCH;
  return {
    apiKey: "key_bench",
    apiUrl: process.env.UPSTREAM_URL,
    getCustomerId,
    // Run with NODE_ENV=production, where "this site" must be configured, never taken from Host.
    publicOrigin: "http://127.0.0.1",
    rateLimit: false,
    getRateLimit: false,
    // The per-customer upstream budget (300 calls a minute by default) would refuse the one-customer loads
    // and the heap check's 20,000 reads with 429s: off here; the Redis row measures it on.
    upstreamBudget: false,
    ...(mode === "global" ? { fetch: globalThis.fetch } : {}),
    ...(mode === "pool" ? { fetch: createUpstreamFetch({ connections: Number(process.env.POOL ?? 50) }) } : {}),
  };
}
