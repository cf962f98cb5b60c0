// Our proxy, built (dist), through its Node adapter, exactly as an app would mount it.
import { createServer } from "node:http";
import { createCredytProxy } from "@credyt/proxy/node";
import { serveStats } from "./stats.mjs";

const proxy = createCredytProxy({
  apiKey: "key_bench",
  apiUrl: process.env.UPSTREAM_URL,
  getCustomerId: () => "cust_bench",
});
const server = createServer((req, res) => proxy(req, res));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => serveStats(server));
