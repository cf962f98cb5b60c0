// Our proxy, built (dist), through its Node adapter, exactly as an app would mount it. The customer is
// the `x-bench-user` header (one fixed customer when absent).
import { createServer } from "node:http";
import { createCredytProxy } from "@credyt/proxy/node";
import { oursOptions } from "./_ours-options.mjs";
import { serve } from "./stats.mjs";

const proxy = createCredytProxy(oursOptions(({ req }) => req.headers["x-bench-user"] ?? "cust_bench"));
const server = createServer((req, res) => proxy(req, res));
serve(server);
