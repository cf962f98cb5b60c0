// "Noisy neighbour" (issue 25): one abusive customer floods stream opens, summaries and wallet reads while ten
// ordinary customers read their wallets, against a Credyt stand-in that rate-limits the shared key (429 past
// a per-second capacity). The breaker must never open, the ten must keep 100% 2xx, and the flooder's upstream
// calls must stay within its upstream budget. The proxy runs behind a real node:http server.
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { createCredytProxy } from "@credyt/proxy/node";
import type { Section } from "./report";

const SECONDS = Number(process.env.BENCH_NOISY_SECONDS ?? 8);
// The key's capacity exceeds the sum of the shares: ten readers (50/s) plus one full budget spent at once.
const KEY_CAPACITY_PER_SECOND = 150;
const BUDGET = { limit: 60, windowMs: 10_000 };
const FLOODER = "cust_flooder000000000000000001";
const NORMAL = Array.from({ length: 10 }, (_, i) => `cust_normal${String(i).padStart(18, "0")}`);
const WALLET =
  '{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":14.566678,"pending_in":0,"pending_out":0}]}';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Credyt's stand-in: any customer's wallet, an empty usage list; 429 past the key's capacity per second. */
function upstream() {
  const calls = new Map<string, number>();
  let second = 0;
  let inSecond = 0;
  let throttled = 0;
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const who = /^\/customers\/([^/]+)/.exec(url.pathname)?.[1] ?? url.searchParams.get("customer_id") ?? "?";
    calls.set(who, (calls.get(who) ?? 0) + 1);
    const now = Math.floor(Date.now() / 1000);
    if (now !== second) {
      second = now;
      inSecond = 0;
    }
    inSecond += 1;
    const json = (status: number, body: string, headers: Record<string, string> = {}) =>
      new Response(body, { status, headers: { "Content-Type": "application/json", ...headers } });
    await sleep(2);
    if (inSecond > KEY_CAPACITY_PER_SECOND) {
      throttled += 1;
      return json(429, "{}", { "Retry-After": "3600" });
    }
    if (/^\/customers\/[^/]+\/wallet$/.test(url.pathname)) return json(200, WALLET);
    if (url.pathname === "/events") return json(200, '{"items":[],"total_count":0}');
    return json(404, "{}");
  };
  return { fetch: fetch as typeof globalThis.fetch, calls, throttled: () => throttled };
}

function get(port: number, path: string, who: string, agent: Agent, abortAfterHeaders = false): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { "x-bench-user": who }, agent }, (res) => {
      if (abortAfterHeaders) {
        res.destroy();
        req.destroy();
        resolve(res.statusCode ?? 0);
        return;
      }
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.end();
  });
}

export async function noisyNeighbourSection(): Promise<Section> {
  const credyt = upstream();
  const proxy = createCredytProxy({
    apiKey: "key_test_bench_noisy_0001",
    apiUrl: "https://credyt.bench",
    fetch: credyt.fetch,
    publicOrigin: "http://127.0.0.1",
    getCustomerId: ({ req }) => (req.headers["x-bench-user"] as string | undefined) ?? null,
    // The read limit out of reach, so the upstream budget alone has to hold the flooder (with the default
    // read limit, 120 per minute, it is refused sooner).
    getRateLimit: { limit: 1_000_000, windowMs: 60_000 },
    upstreamBudget: BUDGET,
  });
  const server = createServer(proxy);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const readers = new Agent({ keepAlive: true, maxSockets: 64 });
  const flood = { streams: 0, summaries: 0, reads: 0, refused: 0 };
  const normal: number[] = [];
  const statuses = new Map<string, number>();
  let stop = false;
  const until = Date.now() + SECONDS * 1000;

  const flooder = async (kind: "streams" | "summaries" | "reads") => {
    let i = 0;
    while (!stop) {
      i += 1;
      const path =
        kind === "streams"
          ? "/api/credyt/wallet/stream"
          : kind === "summaries"
            ? `/api/credyt/usage/summary?tz=Etc/GMT-${i % 12}`
            : "/api/credyt/wallet";
      const status = await get(port, path, FLOODER, agent, kind === "streams");
      flood[kind] += 1;
      if (status !== 200) flood.refused += 1;
      statuses.set(`${kind} ${status}`, (statuses.get(`${kind} ${status}`) ?? 0) + 1);
    }
  };
  const reader = async (who: string) => {
    while (!stop) {
      normal.push(await get(port, "/api/credyt/wallet", who, readers));
      await sleep(200);
    }
  };
  const running = [
    ...Array.from({ length: 20 }, () => flooder("streams")),
    ...Array.from({ length: 10 }, () => flooder("summaries")),
    ...Array.from({ length: 10 }, () => flooder("reads")),
    ...NORMAL.map(reader),
  ];
  while (Date.now() < until) await sleep(100);
  stop = true;
  await Promise.all(running);
  agent.destroy();
  readers.destroy();
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

  const ok = normal.filter((s) => s >= 200 && s < 300).length;
  // Every non-2xx is counted; the flooder's 429s are the point of the test (its budget refusing it), any
  // other non-2xx for it, and any non-2xx at all for the ten, is a failure.
  const flooder429 = [...statuses].reduce((sum, [key, n]) => sum + (key.endsWith(" 429") ? n : 0), 0);
  const flooderOther = flood.refused - flooder429;
  const normalNon2xx = normal.length - ok;
  const unavailable = normal.filter((s) => s === 503).length;
  const flooderCalls = credyt.calls.get(FLOODER) ?? 0;
  const normalCalls = NORMAL.reduce((sum, who) => sum + (credyt.calls.get(who) ?? 0), 0);
  const attempts = flood.streams + flood.summaries + flood.reads;
  const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
  return {
    title: "Noisy neighbour: one customer floods, ten read",
    intro:
      `For ${SECONDS} s one customer opens and drops streams (20 at a time), asks for summaries (10 at a time) and reads ` +
      `its wallet (10 at a time), while ten others each read their wallet every 200 ms, through a node:http server. ` +
      `Credyt's stand-in answers 429 (Retry-After: 3600) past ${KEY_CAPACITY_PER_SECOND} calls per second on the shared key. ` +
      `The read limit is set out of reach, so the upstream budget alone (${BUDGET.limit} calls per ${BUDGET.windowMs / 1000} s per customer) ` +
      "holds the flooder: every upstream call is charged to the customer who caused it, and the breaker opens only on " +
      "failures (not 429s) for several customers. The flooder's 429s are intended (its own column); any other " +
      "non-2xx, for anyone, marks its row invalid.",
    columns: [
      "who",
      "requests",
      "2xx",
      "429, intended (the flooder refused over its budget)",
      "other non-2xx (unintended)",
      "upstream calls",
      "row",
    ],
    rows: [
      [
        "flooder",
        String(attempts),
        pct(attempts - flood.refused, attempts),
        String(flooder429),
        String(flooderOther),
        String(flooderCalls),
        flooderOther === 0 ? "valid" : "invalid",
      ],
      [
        "ten normal customers",
        String(normal.length),
        pct(ok, normal.length),
        "0 expected",
        String(normalNon2xx),
        String(normalCalls),
        normalNon2xx === 0 ? "valid" : "invalid",
      ],
      ["Credyt 429s to the proxy (key throttled)", "", "", "", "", String(credyt.throttled()), ""],
    ],
    goals: [
      {
        name: "normal customers' reads answered 2xx",
        value: pct(ok, normal.length),
        target: "100%",
        met: ok === normal.length && normal.length > 0,
      },
      {
        name: "breaker opened for normal customers (503s)",
        value: String(unavailable),
        target: "0",
        met: unavailable === 0,
      },
      {
        name: "flooder's upstream calls",
        value: String(flooderCalls),
        target: `≤ ${BUDGET.limit * Math.ceil((SECONDS * 1000) / BUDGET.windowMs)} (its budget over ${SECONDS} s)`,
        met: flooderCalls <= BUDGET.limit * Math.ceil((SECONDS * 1000) / BUDGET.windowMs),
      },
    ],
    data: {
      statuses: Object.fromEntries(statuses),
      seconds: SECONDS,
      flood,
      normal: { requests: normal.length, ok, unavailable },
      flooderCalls,
      normalCalls,
    },
  };
}
