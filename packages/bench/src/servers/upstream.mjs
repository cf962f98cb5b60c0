// A minimal stand-in for Credyt: answers a fixed wallet JSON, so the benchmark shows the proxy's own cost.
import { createServer } from "node:http";
import { serve } from "./stats.mjs";

const body = JSON.stringify({
  accounts: [
    { id: "default:USD", name: "default", asset: "USD", available: 14.566678, pending_in: 0, pending_out: 0 },
    { id: "default:TOK", name: "default", asset: "TOK", available: 993450234, pending_in: 0, pending_out: 0 },
  ],
});
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
serve(server);
