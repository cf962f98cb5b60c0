// Our proxy's Fetch handler behind the same minimal bridge as bare-fetch.mjs (how a Fetch-style app mounts it
// on Node, and what separates the core's cost from the Node adapter's). `@credyt/proxy` resolves here, as in any
// Node app, to its Node build (the `node` export condition), whose default fetch is the upstream pool;
// FETCH=global gives it Node's global fetch, as the plain build on a Fetch runtime uses its own.
import { createServer } from "node:http";
import { createCredytProxy } from "@credyt/proxy";
import { oursOptions } from "./_ours-options.mjs";
import { serve } from "./stats.mjs";

const handler = createCredytProxy(oursOptions(({ request }) => request.headers.get("x-bench-user") ?? "cust_bench"));
const server = createServer(async (req, res) => {
  const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
serve(server);
