import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { type BenchServer, type Load, median, ROUNDS, runJson, SECONDS, startServer } from "./_process";
import { topSelfTime } from "./_profile";
import { redisRow } from "./proxy-redis";
import type { Section } from "./report";

type Workload = "distinct" | "one";
/**
 * Each load a target gets per round: a customer per request at 50 and 1 connections; one customer at 50.
 * The c=1 and one-customer loads run for 2 s (their spread is small) to keep `pnpm bench` near 6 minutes.
 */
const LOADS: { key: string; workload: Workload; connections: number; seconds: number }[] = [
  { key: "distinct c50", workload: "distinct", connections: 50, seconds: SECONDS },
  { key: "distinct c1", workload: "distinct", connections: 1, seconds: Math.min(SECONDS, 2) },
  { key: "one c50", workload: "one", connections: 50, seconds: Math.min(SECONDS, 2) },
];

/**
 * GET /wallet through each target, interleaved A B C D A B C D… so machine drift cancels: the bare Fetch
 * passthrough (the floor for any Fetch-style handler), our proxy behind its Node adapter and our Fetch handler
 * behind the floor's own bridge, each with its default on Node (Credyt called through the bounded keep-alive
 * pool), and diagnostics: the Fetch handler with `fetch: globalThis.fetch` (what it does on a Fetch runtime),
 * the Node adapter with Node's global fetch, the floor with the pool and the floor with its call bounded.
 * Two workloads: a distinct customer per request (nothing can be shared: the honest per-request cost) and one
 * customer (single flight may answer concurrent reads with one upstream call).
 */
export async function proxySection(): Promise<Section> {
  const loadAverage = loadavg()[0] ?? 0;
  const upstream = await startServer("upstream", "upstream.mjs");
  const env = { UPSTREAM_URL: upstream.url };
  const floor = await startServer("bare Fetch passthrough + bridge (floor)", "bare-fetch.mjs", env);
  const node = await startServer("@credyt/proxy, Node adapter (pool of 50, default)", "ours.mjs", env);
  const fetchDefault = await startServer(
    "@credyt/proxy, Fetch handler + bridge (default on Node: the pool)",
    "ours-fetch.mjs",
    env,
  );
  const fetchGlobal = await startServer(
    "diagnostic: Fetch handler + bridge with fetch: globalThis.fetch (what a Fetch runtime does)",
    "ours-fetch.mjs",
    { ...env, FETCH: "global" },
  );
  const nodeGlobal = await startServer("diagnostic: Node adapter with fetch: globalThis.fetch (no pool)", "ours.mjs", {
    ...env,
    FETCH: "global",
  });
  const floorPool = await startServer(
    "diagnostic: the floor with fetch: createUpstreamFetch() (the pool)",
    "bare-fetch.mjs",
    { ...env, FETCH: "pool" },
  );
  const floorBounded = await startServer(
    "diagnostic: the floor with its call bounded (AbortController + timer per call, global fetch)",
    "bare-fetch.mjs",
    { ...env, TIMEOUT: "1" },
  );
  const targets: BenchServer[] = [floor, node, fetchDefault, fetchGlobal, nodeGlobal, floorPool, floorBounded];
  // The diagnostics only need the per-request loads.
  const diagnostic = (t: BenchServer) => [fetchGlobal, nodeGlobal, floorPool, floorBounded].includes(t);
  const url = (t: BenchServer) => `${t.url}/api/credyt/wallet`;
  try {
    for (const t of targets) await runJson<Load>("load.mjs", [url(t), "10", "1", "distinct"]); // warm up
    const loads = new Map<string, Load[]>();
    const cpu = new Map<BenchServer, number[]>();
    const at = (t: BenchServer, key: string) => `${t.name}|${key}`;
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        for (const load of diagnostic(t) ? LOADS.slice(0, 2) : LOADS) {
          const before = load.key === "distinct c50" ? await t.stats() : undefined;
          const result = await runJson<Load>("load.mjs", [
            url(t),
            String(load.connections),
            String(load.seconds),
            load.workload,
          ]);
          if (before) {
            const after = await t.stats();
            const micros = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
            cpu.set(t, [...(cpu.get(t) ?? []), micros / Math.max(result.total, 1)]);
          }
          loads.set(at(t, load.key), [...(loads.get(at(t, load.key)) ?? []), result]);
        }
      }
    }

    // Heap after a forced GC, after 1k and after N requests (distinct customers), for the floor and the adapters.
    const heapN = Number(process.env.BENCH_HEAP_REQUESTS ?? 20_000);
    let heapErrors = 0;
    const count = async (t: BenchServer, n: number) => {
      heapErrors += (await runJson<{ errors: number }>("count.mjs", [url(t), String(n)])).errors;
    };
    const heapAt = async (t: BenchServer) => {
      const readings: number[] = [];
      for (let i = 0; i < 3; i++) {
        await count(t, 1000);
        readings.push((await t.stats(true)).heapUsed);
      }
      return median(readings);
    };
    const heap = new Map<BenchServer, { at1k: number; atN: number }>();
    for (const t of [floor, node]) {
      const at1k = await heapAt(t);
      await count(t, heapN);
      heap.set(t, { at1k, atN: await heapAt(t) });
    }

    const m = (t: BenchServer, key: string, field: keyof Load) =>
      median((loads.get(at(t, key)) ?? []).map((l) => l[field]));
    const bad = (t: BenchServer) =>
      LOADS.reduce((s, l) => s + (loads.get(at(t, l.key)) ?? []).reduce((x, r) => x + r.non2xx + r.errors, 0), 0);
    const ratio = (t: BenchServer, key: string) => m(t, key, "rps") / m(floor, key, "rps");
    const shown = (t: BenchServer, key: string) => (bad(t) || bad(floor) ? "invalid" : `${ratio(t, key).toFixed(2)}×`);
    const meanC1 = (t: BenchServer) => 1000 / m(t, "distinct c1", "rps");
    const bounded = (t: BenchServer, base: BenchServer, key: string) =>
      bad(t) || bad(base) ? "invalid" : `${(m(t, key, "rps") / m(base, key, "rps")).toFixed(2)}×`;
    const measured = (t: BenchServer, key: string) => (loads.get(at(t, key)) ?? []).length > 0;
    const rows = targets.map((t) => [
      t.name,
      `${Math.round(m(t, "distinct c50", "rps")).toLocaleString("en-US")} (${shown(t, "distinct c50")})`,
      measured(t, "distinct c1") ? `${meanC1(t).toFixed(3)} ms (${shown(t, "distinct c1")})` : "",
      measured(t, "one c50")
        ? `${Math.round(m(t, "one c50", "rps")).toLocaleString("en-US")} (${shown(t, "one c50")})`
        : "",
      `${m(t, "distinct c50", "p50")} / ${m(t, "distinct c50", "p99")}`,
      `${median(cpu.get(t) ?? []).toFixed(0)} (${(median(cpu.get(floor) ?? []) / median(cpu.get(t) ?? [])).toFixed(2)}×)`,
      heap.has(t) ? `${mb(heap.get(t)!.at1k)} → ${mb(heap.get(t)!.atN)}${heapErrors ? " (invalid: non-2xx)" : ""}` : "",
      String(LOADS.reduce((s, l) => s + (loads.get(at(t, l.key)) ?? []).reduce((x, r) => x + r.non2xx, 0), 0)),
      String(LOADS.reduce((s, l) => s + (loads.get(at(t, l.key)) ?? []).reduce((x, r) => x + r.errors, 0), 0)),
      bad(t) || bad(floor) ? "**invalid**" : "valid",
    ]);

    // Where the Node adapter's time goes: a CPU profile (warm process, start-up excluded) of one more
    // distinct-customer run at 50 connections.
    const profileOf = async (t: BenchServer) => {
      const dir = mkdtempSync(path.join(tmpdir(), "credyt-bench-prof-"));
      const stop = await t.profile(path.join(dir, "target.cpuprofile"));
      await runJson<Load>("load.mjs", [url(t), "50", String(SECONDS), "distinct"]);
      await stop();
      const top = topSelfTime(dir, 10);
      rmSync(dir, { recursive: true, force: true });
      return top;
    };
    const profile = await profileOf(node);
    const profileFetch = await profileOf(fetchDefault);
    const profileFetchGlobal = await profileOf(fetchGlobal);
    const redis = await redisRow(upstream.url, floor, url);
    rows.push(redis.row);

    const goals = [];
    // Both adapters as a Node app gets them by default.
    for (const t of [node, fetchDefault]) {
      for (const key of ["distinct c50", "distinct c1"]) {
        goals.push(
          goal(
            `${t.name}, customer per request, ${key.slice(9)}, vs floor`,
            shown(t, key),
            "≥ 0.90×, 0 non-2xx",
            !bad(t) && !bad(floor) && ratio(t, key) >= 0.9,
          ),
        );
      }
    }
    goals.push(
      goal(
        "Redis round trips per request (read limit + upstream budget on)",
        `${redis.roundTrips.toFixed(2)} (${redis.scriptsPerRequest.toFixed(2)} scripts, ${redis.commandsPerRequest.toFixed(2)} commands/request)`,
        "≤ 1 (pipelined where two)",
        // The load's last in-flight requests send commands without being counted as answered: 2% slack.
        redis.roundTrips <= 1.02,
      ),
    );
    const nodeHeap = heap.get(node)!;
    const floorHeap = heap.get(floor)!;
    goals.push(
      goal(
        "heap after GC vs floor (Node adapter)",
        `${sign((nodeHeap.atN - floorHeap.atN) / 1e6)} MB`,
        "within 10 MB, 0 non-2xx",
        heapErrors === 0 && (nodeHeap.atN - floorHeap.atN) / 1e6 <= 10,
      ),
    );
    return {
      title: "Proxy: GET /wallet on loopback",
      intro:
        `autocannon in its own process; ${ROUNDS} interleaved rounds per target and load (${SECONDS} s per request-per-customer load at c=50, 2 s for the others); medians shown. ` +
        `Load average when the section started: ${loadAverage.toFixed(1)} on this machine's 2 shared cores; throughput ratios move with it, CPU per request (server process, user+system) less so, hence both. ` +
        "The upstream is a minimal server answering a fixed wallet JSON. Rate limits and the upstream budget are off (`rateLimit: false, getRateLimit: false, upstreamBudget: false`; the budget's 300 calls a minute per customer would answer 429 to the one-customer loads), except in the Redis row. " +
        "A customer per request (`x-bench-user` header, a new id each request) means nothing can be coalesced: the per-request cost. " +
        "One customer at 50 connections lets single flight answer concurrent reads with one upstream call. " +
        "× = throughput against the floor in the same round; at c=1 the mean latency is 1 / throughput. " +
        "A row with any non-2xx answer or transport error is marked invalid and gets no ratio. CPU is the server process's user+system time per request (customer per request, c=50). " +
        `Heap after GC after 1k and ${heapN.toLocaleString("en-US")} requests (10 connections, one customer), floor and Node adapter. ` +
        "Same bridge, same upstream, same client: the floor and the Fetch-handler rows run the same node:http → `new Request` → handler → `writeHead` + `arrayBuffer` bridge (servers/bare-fetch.mjs, servers/ours-fetch.mjs) against the same upstream process, loaded by the same autocannon script. " +
        "Both adapters' default rows are what a Node app gets without a `fetch` option: Credyt called through the bounded pool (undici's dispatcher: no `Request`, no web stream, the timeout given to undici instead of an AbortController per call). The Fetch handler gets it from the package's Node build, which the `node` export condition picks on Node (Next.js's Node runtime, Hono on @hono/node-server, Vite, node:http); Workers, Next's edge runtime, Deno and Bun get the plain build and their own global fetch, which the diagnostic row with `fetch: globalThis.fetch` stands for (on Node's fetch; the floor calls Node's global fetch too). The diagnostic floor with the pool shows what the floor would be with the pool. " +
        `${redis.note} ` +
        `Top self time, Node adapter, customer per request (V8 CPU profile of a warm process, ${profile.busySamples} busy samples; the proxy's own functions ${(100 * profile.ownShare).toFixed(1)}%): ${profile.top.join(", ")}. ` +
        `Top self time, Fetch handler's default on Node, the pool (${profileFetch.busySamples} busy samples; the proxy's own ${(100 * profileFetch.ownShare).toFixed(1)}%): ${profileFetch.top.join(", ")}. ` +
        `Top self time, Fetch handler with fetch: globalThis.fetch (${profileFetchGlobal.busySamples} busy samples; the proxy's own ${(100 * profileFetchGlobal.ownShare).toFixed(1)}%): ${profileFetchGlobal.top.join(", ")}. ` +
        `The floor does not bound its upstream call; any correct proxy must (504 at \`timeoutMs\`), and on a Fetch runtime the only way is a signal per call, which Node's fetch follows at a cost (an AbortSignal, a listener, a FinalizationRegistry entry: \`createAbortSignal\`, \`makeTransferable\`, \`_Request\` above, and their garbage). The diagnostic floor with its call bounded so shows that cost apart: the Fetch handler with \`fetch: globalThis.fetch\` is ${shown(fetchGlobal, "distinct c50")} the unbounded floor at c=50 and ${shown(fetchGlobal, "distinct c1")} at c=1, and ${bounded(fetchGlobal, floorBounded, "distinct c50")} and ${bounded(fetchGlobal, floorBounded, "distinct c1")} the bounded one (the goals are the defaults against the unbounded floor). ` +
        "Where the Fetch handler's extra latency at c=1 went (issue 26, measured in one process, sequential requests, interleaved, CPU per request): the call's bound (an AbortController, its signal and a timer) was a third to a half of it (noisy: 2 shared cores) and is kept; the customer reference (an HMAC, about 15 µs) is now computed after the upstream call went out, overlapping Credyt's wait; the deadline is one promise and one timer; the read path no longer awaits a rate check that is off, nor parses the customer from the path when no budget needs it; a request without a query builds no URLSearchParams. The rest is the work any correct proxy does and the floor skips: a request id, JSON parse + wire check + secret scan of the body, the customer reference, four more headers. " +
        "Second pass (issue 26, item 3): a `Request` made with a fresh signal of its own cost 28-40 µs against about 10 µs without one (Node 20, microbenchmark): the signal's creation (`makeTransferable`), Node's fetch setting the max listeners of every fresh signal, a WeakRef, a listener and a FinalizationRegistry entry. Calls on a fetch that does not bound them itself (a runtime's global fetch: the plain build's default, or `fetch: globalThis.fetch`) now share one AbortController and one timer per window (a hundredth of `timeoutMs`, at most 100 ms and 16 calls): each call is still aborted, 504 and an outage for the breaker, no earlier than its own `timeoutMs` and at most one window after it (src/_internal/deadline-window.test.ts, test/shared-deadline.test.ts); a window whose calls all ended is dropped with its signal and the listeners fetch left on it; on workerd, whose timers end with the request, every call keeps its own. A `Request` on such a shared signal cost 15-23 µs in the same microbenchmark. In src/quick-proxy.ts runs with the old and new proxy side by side (interleaved, three runs at load averages 3.3-7): c=1 0.70-0.77× before, 0.82-0.89× after; c=50 0.73-0.80× before, 0.75-0.81× after (CPU per request at c=50 664 vs 724 µs in the calmest run). What the proxy itself still costs, by ablation against an in-process stand-in for Credyt (±10 µs each): the customer reference's HMAC about 15 µs (after the call went out, so off the c=1 path), the request id, the deadline, the reference header and the wire check + secret scan 5-15 µs each, and about 45 µs spread over routing, the origin check, the exchange objects and the async layers of the read: no single large item is left that can go without dropping a check.",
      columns: [
        "target",
        "req/s, customer per request, c=50",
        "mean ms, customer per request, c=1",
        "req/s, one customer, c=50",
        "p50 / p99 ms (per request, c=50)",
        "CPU µs/req (floor's / ours)",
        "heap MB 1k → N",
        "non-2xx",
        "errors",
        "row",
      ],
      rows,
      goals,
      data: { rows, profile, profileFetch, profileFetchGlobal, redis, loads: Object.fromEntries(loads) },
    };
  } finally {
    for (const t of [upstream, ...targets]) t.stop();
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const sign = (n: number, digits = 1) => `${n >= 0 ? "+" : ""}${n.toFixed(digits)}`;
function goal(name: string, value: string, target: string, met: boolean) {
  return { name, value, target, met };
}
