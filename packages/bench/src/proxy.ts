import { type BenchServer, type Load, median, ROUNDS, runJson, SECONDS, startServer } from "./_process";
import type { Section } from "./report";

/**
 * GET /wallet through four targets, interleaved A B C D A B C D… so machine drift cancels:
 * straight to the upstream, a bare node:http passthrough, a bare Fetch passthrough behind a minimal
 * bridge (the floor for any Fetch-style handler), and our proxy behind its Node adapter.
 */
export async function proxySection(): Promise<Section> {
  const upstream = await startServer("upstream", "upstream.mjs");
  const env = { UPSTREAM_URL: upstream.url };
  const targets: BenchServer[] = [
    upstream,
    await startServer("bare node:http passthrough", "bare-node.mjs", env),
    await startServer("bare Fetch passthrough + bridge", "bare-fetch.mjs", env),
    await startServer("@credyt/proxy (node adapter)", "ours.mjs", env),
    // Diagnostic: our Fetch core behind the floor's own bridge separates core cost from adapter cost.
    await startServer("@credyt/proxy core + floor's bridge", "ours-fetch.mjs", env),
  ];
  const path = (t: BenchServer) => (t === upstream ? "/customers/cust_bench/wallet" : "/api/credyt/wallet");
  try {
    // Warm up JITs and keep-alive pools.
    for (const t of targets) await runJson<Load>("load.mjs", [`${t.url}${path(t)}`, "10", "1"]);

    const c50 = new Map<BenchServer, Load[]>();
    const c1 = new Map<BenchServer, Load[]>();
    const cpu = new Map<BenchServer, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        const before = await t.stats();
        const load = await runJson<Load>("load.mjs", [`${t.url}${path(t)}`, "50", String(SECONDS)]);
        const after = await t.stats();
        const micros = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
        cpu.set(t, [...(cpu.get(t) ?? []), micros / Math.max(load.total, 1)]);
        c50.set(t, [...(c50.get(t) ?? []), load]);
        c1.set(t, [
          ...(c1.get(t) ?? []),
          await runJson<Load>("load.mjs", [`${t.url}${path(t)}`, "1", String(SECONDS)]),
        ]);
      }
    }

    // Heap after a forced GC, after 1k and after 100k requests: the floor and ours.
    // A single heap reading after GC moves by a few MB from run to run, so each point is the median of
    // three readings taken 1,000 requests apart.
    const heapAt = async (t: BenchServer) => {
      const readings: number[] = [];
      for (let i = 0; i < 3; i++) {
        await runJson("count.mjs", [`${t.url}${path(t)}`, "1000"]);
        readings.push((await t.stats(true)).heapUsed);
      }
      return median(readings);
    };
    const heap = new Map<BenchServer, { at1k: number; at100k: number }>();
    for (const t of targets.slice(2, 4)) {
      const at1k = await heapAt(t);
      await runJson("count.mjs", [`${t.url}${path(t)}`, String(Number(process.env.BENCH_HEAP_REQUESTS ?? 100_000))]);
      const at100k = await heapAt(t);
      heap.set(t, { at1k, at100k });
    }

    const floor = targets[2] as BenchServer;
    const ours = targets[3] as BenchServer;
    const m = (t: BenchServer, key: keyof Load, map = c50) => median((map.get(t) ?? []).map((l) => l[key]));
    const meanLatencyC1 = (t: BenchServer) => 1000 / m(t, "rps", c1); // at concurrency 1, mean latency = 1/throughput
    const rows = targets.map((t) => [
      t.name,
      Math.round(m(t, "rps")).toLocaleString("en-US"),
      (m(t, "rps") / m(floor, "rps")).toFixed(2),
      `${m(t, "p50")} / ${m(t, "p99")}`,
      `${meanLatencyC1(t).toFixed(3)} (p50 ${m(t, "p50", c1)})`,
      median(cpu.get(t) ?? []).toFixed(1),
      heap.has(t) ? `${mb(heap.get(t)!.at1k)} → ${mb(heap.get(t)!.at100k)}` : "",
      String((c50.get(t) ?? []).reduce((s, l) => s + l.errors, 0)),
    ]);

    const throughputRatio = m(ours, "rps") / m(floor, "rps");
    const p99Delta = m(ours, "p99") - m(floor, "p99");
    const c1Delta = meanLatencyC1(ours) - meanLatencyC1(floor);
    const oursHeap = heap.get(ours)!;
    const floorHeap = heap.get(floor)!;
    const heapDelta = (oursHeap.at100k - floorHeap.at100k) / 1e6;
    const heapGrowth = (oursHeap.at100k - oursHeap.at1k) / 1e6;
    const goals = [
      goal("throughput vs bare Fetch passthrough", `${throughputRatio.toFixed(2)}×`, "≥ 0.90×", throughputRatio >= 0.9),
      goal("p99 at c=50 vs floor", `${sign(p99Delta)} ms`, "within 5 ms", p99Delta <= 5),
      goal("mean latency at c=1 vs floor", `${sign(c1Delta, 3)} ms`, "within 0.1 ms", c1Delta <= 0.1),
      goal("heap after GC vs floor (100k)", `${sign(heapDelta)} MB`, "within 10 MB", heapDelta <= 10),
      goal("heap growth 1k → 100k (ours)", `${sign(heapGrowth)} MB`, "not growing (< 2 MB)", heapGrowth < 2),
    ];
    return {
      title: "Proxy: GET /wallet on loopback",
      intro:
        `autocannon in its own process; ${ROUNDS} interleaved rounds × ${SECONDS}s per target at 50 connections and at 1; ` +
        "medians shown. The upstream is a minimal server answering a fixed wallet JSON. CPU is the server process's user+system time per request. " +
        "autocannon's latency histogram has 1 ms resolution, so the c=1 column also shows the mean latency (1 / throughput) in ms. " +
        "The last row (our Fetch core behind the floor's own minimal bridge) is diagnostic: it splits our cost between the core and the Node adapter.",
      columns: [
        "target",
        "req/s (c=50)",
        "× floor",
        "p50 / p99 ms (c=50)",
        "mean ms (c=1)",
        "CPU µs/req",
        "heap MB 1k → 100k",
        "errors",
      ],
      rows,
      goals,
      data: { rows, throughputRatio, p99Delta, c1Delta, heapDelta, heapGrowth },
    };
  } finally {
    for (const t of targets) t.stop();
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const sign = (n: number, digits = 1) => `${n >= 0 ? "+" : ""}${n.toFixed(digits)}`;
function goal(name: string, value: string, target: string, met: boolean) {
  return { name, value, target, met };
}
