import { loadavg } from "node:os";
import { type BenchServer, median, startServer } from "./_process";
import { openTab, type Tab } from "./_stream-clients";
import type { Section } from "./report";

const STEPS = (process.env.BENCH_STREAM_STEPS ?? "1000,5000,10000").split(",").map(Number);
const IDLE_MS = Number(process.env.BENCH_STREAM_IDLE_MS ?? 5_000);
const NOTIFIES = 50;
const OPEN_AT_ONCE = 250;
/** The default `streams.maxPollsPerSecond` the proxy runs with here (DEFAULTS=1). */
const POLL_BUDGET = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const customer = (i: number) => `cust_s${i}`;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

function ask<T>(server: BenchServer, message: Record<string, unknown>, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string } & T) => {
      if (m.type !== reply) return;
      server.child.off("message", onMessage);
      resolve(m);
    };
    server.child.on("message", onMessage);
    server.child.send(message);
  });
}

const reads = async (upstream: BenchServer) =>
  ((await (await fetch(`${upstream.url}/__reads`)).json()) as { reads: number }).reads;

/** Heap and RSS after a forced GC, the median of three readings. */
async function memory(server: BenchServer) {
  const readings = [await server.stats(true), await server.stats(true), await server.stats(true)];
  return { heap: median(readings.map((r) => r.heapUsed)), rss: median(readings.map((r) => r.rss)) };
}

interface Step {
  streams: number;
  heap: number;
  rss: number;
  cpuMsPerS: number;
  pollsPerS: number;
  notifyP50: number;
  notifyP99: number;
}

/** Opens streams step by step on one server, measures each step at idle, then closes them all. */
async function measure(server: BenchServer, upstream: BenchServer, proxy: boolean) {
  const before = await memory(server);
  const tabs: Tab[] = [];
  const steps: Step[] = [];
  for (const n of STEPS) {
    while (tabs.length < n) {
      const batch = Math.min(OPEN_AT_ONCE, n - tabs.length);
      const start = tabs.length;
      tabs.push(
        ...(await Promise.all(Array.from({ length: batch }, (_, i) => openTab(server.url, customer(start + i))))),
      );
    }
    await sleep(500);
    const { heap, rss } = await memory(server);
    const cpu0 = (await server.stats()).cpu;
    const reads0 = await reads(upstream);
    await sleep(IDLE_MS);
    const cpu1 = (await server.stats()).cpu;
    const pollsPerS = ((await reads(upstream)) - reads0) / (IDLE_MS / 1000);
    const cpuMsPerS = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000 / (IDLE_MS / 1000);
    // notify(): a changed balance, then the time until that customer's tab has the event.
    const latencies: number[] = [];
    for (let i = 0; i < NOTIFIES; i++) {
      const tab = tabs[Math.floor((i * tabs.length) / NOTIFIES)] as Tab;
      const count = tab.events.length;
      if (proxy) await fetch(`${upstream.url}/__bump/${tab.customer}`, { method: "POST" });
      const t0 = performance.now();
      await ask(server, { type: "notify", customerId: tab.customer, id: i }, "notified");
      const deadline = performance.now() + 3_000;
      while (tab.events.length === count && performance.now() < deadline) await sleep(1);
      const at = tab.events[count];
      if (at !== undefined) latencies.push(Math.max(0, at - t0));
    }
    steps.push({
      streams: tabs.length,
      heap,
      rss,
      cpuMsPerS,
      pollsPerS,
      notifyP50: percentile(latencies, 50),
      notifyP99: percentile(latencies, 99),
    });
  }
  for (const tab of tabs) tab.request.destroy();
  const closedAt = performance.now();
  const held = async () =>
    (await ask<{ stats: { streams: number; customers: number } }>(server, { type: "streamStats" }, "streamStats"))
      .stats;
  let left = await held();
  while ((left.streams > 0 || left.customers > 0) && performance.now() - closedAt < 30_000) {
    await sleep(100);
    left = await held();
  }
  const releaseMs = performance.now() - closedAt;
  await sleep(500);
  const after = await memory(server);
  return { before, steps, after, left, releaseMs };
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/**
 * Open streams at scale: 1,000 / 5,000 / 10,000 streams of as many customers on our proxy (the product's
 * stream defaults) beside a bare node:http SSE server holding the same connections and sending the same events.
 */
export async function streamsScaleSection(): Promise<Section> {
  const load = loadavg()[0] ?? 0;
  const upstream = await startServer("stream upstream", "stream-upstream.mjs");
  const bare = await startServer("bare node:http SSE", "bare-sse.mjs");
  const proxy = await startServer("proxy", "stream-proxy.mjs", { UPSTREAM_URL: upstream.url, DEFAULTS: "1" });
  try {
    const floor = await measure(bare, upstream, false);
    bare.stop();
    const ours = await measure(proxy, upstream, true);
    const rows = STEPS.map((n, i) => {
      const o = ours.steps[i] as Step;
      const f = floor.steps[i] as Step;
      return [
        `${n.toLocaleString("en-US")} streams`,
        `${mb(o.heap)} / ${mb(f.heap)} (${(o.heap / f.heap).toFixed(1)}×)`,
        `${mb(o.rss)} / ${mb(f.rss)} (${(o.rss / f.rss).toFixed(1)}×)`,
        `${((o.heap - ours.before.heap) / n / 1024).toFixed(1)} / ${((f.heap - floor.before.heap) / n / 1024).toFixed(1)}`,
        `${o.cpuMsPerS.toFixed(0)} / ${f.cpuMsPerS.toFixed(0)}`,
        `${o.notifyP50.toFixed(1)} / ${o.notifyP99.toFixed(1)} (bare ${f.notifyP99.toFixed(1)})`,
        o.pollsPerS.toFixed(0),
      ];
    });
    rows.push([
      "after every stream closed",
      `${mb(ours.after.heap)} / ${mb(floor.after.heap)} (before: ${mb(ours.before.heap)} / ${mb(floor.before.heap)})`,
      `${mb(ours.after.rss)} / ${mb(floor.after.rss)} (before: ${mb(ours.before.rss)} / ${mb(floor.before.rss)})`,
      "",
      "",
      "",
      `${ours.left.streams} streams, ${ours.left.customers} customers left (${(ours.releaseMs / 1000).toFixed(1)} s)`,
    ]);
    const top = ours.steps[ours.steps.length - 1] as Step;
    const topFloor = floor.steps[floor.steps.length - 1] as Step;
    const heapBack = (ours.after.heap - ours.before.heap) / 1e6;
    return {
      title: `Streams at scale: ${STEPS.map((n) => n.toLocaleString("en-US")).join(" / ")} open streams vs a bare SSE server`,
      intro:
        `Each stream is a distinct customer's GET /wallet/stream on one proxy process with the product's stream settings (poll every 2 s, backing off to 15 s for idle customers, at most ${POLL_BUDGET} polls per second in total: \`streams.maxPollsPerSecond\`, longest waiting first; heartbeat 15 s), calling the stand-in Credyt through the Node adapter's pool. ` +
        "On Node each stream is written straight to the response (no web stream, signal or timer per connection; one heartbeat interval per proxy). " +
        "The floor is a bare node:http SSE server holding the same connections and sending the same events (retry hint, the wallet, heartbeats; no upstream). " +
        `Each step opens streams up to its count, then measures after a forced GC (heap, RSS; median of three) and over ${IDLE_MS / 1000} s with no balance changing (CPU of the server process, polls reaching Credyt), then times ${NOTIFIES} notify() → event deliveries. ` +
        "Cells are ours / floor. Credyt has no balance webhook, so the proxy polls; the polls/s column is the total rate reaching Credyt from this one instance. " +
        "Idle CPU is mostly those polls (each a checked upstream read through the pool); the floor makes no upstream call at all, so its idle CPU is heartbeats only. " +
        "After close, part of what stays is bounded per-customer state (read-limit and upstream-budget windows, customer references; at most 10,000 entries each): 10,000 customers' plain GET /wallet reads in process leave about 3 MB, and 10,000 more bring it back to +0.4 MB as the caches roll over. The rest of the gap is not attributed yet. " +
        `Load average when the section started: ${load.toFixed(1)} on this machine's shared cores.`,
      columns: [
        "open streams",
        "heap MB after GC",
        "RSS MB",
        "heap KB per stream",
        "idle CPU ms/s",
        "notify p50 / p99 ms",
        "polls/s to Credyt",
      ],
      rows,
      goals: [
        {
          name: `heap at ${top.streams.toLocaleString("en-US")} streams vs floor`,
          value: `${(top.heap / topFloor.heap).toFixed(1)}×`,
          target: "≤ 2×",
          met: top.heap / topFloor.heap <= 2,
        },
        {
          name: `RSS at ${top.streams.toLocaleString("en-US")} streams vs floor`,
          value: `${(top.rss / topFloor.rss).toFixed(1)}×`,
          target: "≤ 2×",
          met: top.rss / topFloor.rss <= 2,
        },
        {
          name: `idle CPU at ${top.streams.toLocaleString("en-US")} streams vs floor`,
          value: `${top.cpuMsPerS.toFixed(0)} vs ${topFloor.cpuMsPerS.toFixed(0)} ms/s`,
          target: "≤ 2×",
          met: top.cpuMsPerS <= 2 * Math.max(topFloor.cpuMsPerS, 1),
        },
        {
          name: "heap back to baseline after close",
          value: `${heapBack >= 0 ? "+" : ""}${heapBack.toFixed(1)} MB, ${ours.left.streams} streams left`,
          target: "within 2 MB, 0 left",
          met: heapBack <= 2 && ours.left.streams === 0 && ours.left.customers === 0,
        },
        {
          name: `polls/s to Credyt at ${top.streams.toLocaleString("en-US")} idle customers`,
          value: top.pollsPerS.toFixed(0),
          target: `≤ streams.maxPollsPerSecond (${POLL_BUDGET}, the default)`,
          // The bucket may hold a tenth of a second's polls at the start of the window.
          met: Math.max(...ours.steps.map((s) => s.pollsPerS)) <= POLL_BUDGET * (1 + 0.1 / (IDLE_MS / 1000)),
        },
      ],
      data: { floor, ours },
    };
  } finally {
    upstream.stop();
    bare.stop();
    proxy.stop();
  }
}
