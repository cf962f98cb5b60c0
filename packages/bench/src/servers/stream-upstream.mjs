// A stand-in for Credyt for the live stream benchmark: each customer's wallet, a counter of wallet
// reads (what the proxies cost Credyt), and `POST /__bump/{id}` to change a balance. Amounts are kept
// in integer micro-units and printed as exact decimals, so nothing here does float arithmetic.
import { createServer } from "node:http";
import { serve } from "./stats.mjs";

const balances = new Map();
let reads = 0;

const decimal = (micros) => {
  const whole = micros / 1_000_000n;
  const fraction = String(micros % 1_000_000n)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
};

const server = createServer((req, res) => {
  const wallet = /^\/customers\/([A-Za-z0-9_-]+)\/wallet$/.exec(req.url ?? "");
  if (req.method === "GET" && wallet) {
    reads += 1;
    const micros = balances.get(wallet[1]) ?? 14_566_678n;
    const body = `{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":${decimal(micros)},"pending_in":0,"pending_out":0},{"id":"default:TOK","name":"default","asset":"TOK","available":993450234,"pending_in":0,"pending_out":0}]}`;
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const bump = /^\/__bump\/([A-Za-z0-9_-]+)$/.exec(req.url ?? "");
  if (req.method === "POST" && bump) {
    balances.set(bump[1], (balances.get(bump[1]) ?? 14_566_678n) - 1n);
    res.writeHead(204).end();
    return;
  }
  if (req.url === "/__reads") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ reads }));
    return;
  }
  res.writeHead(404).end();
});
serve(server);
