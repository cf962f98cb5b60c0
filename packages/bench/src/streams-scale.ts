import { loadavg } from "node:os";
import { type BenchServer, median, startServer } from "./_process";
import { openTab, type Tab } from "./_stream-clients";
import type { Section } from "./report";

const STEPS = (process.env.BENCH_STREAM_STEPS ?? "1000,5000,10000").split(",").map(Number);
/** One heartbeat period: every stream, ours and the floor's, sends exactly one heartbeat in the window. */
const IDLE_MS = Number(process.env.BENCH_STREAM_IDLE_MS ?? 15_000);
const NOTIFIES = 50;
const OPEN_AT_ONCE = 250;
/** The default `streams.maxPollsPerSecond` the proxy runs with here (DEFAULTS=1). */
const POLL_BUDGET = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const customer = (prefix: string, i: number) => `cust_${prefix}${i}`;
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
  /** The server process's user and system CPU over the idle window, ms per second. */
  userMsPerS: number;
  systemMsPerS: number;
  heap: number;
  rss: number;
  cpuMsPerS: number;
  pollsPerS: number;
  notifyP50: number;
  notifyP99: number;
}

/** Opens `count` streams of new customers (`prefix` + i), `OPEN_AT_ONCE` at a time. */
async function openTabs(server: BenchServer, tabs: Tab[], count: number, prefix: string): Promise<void> {
  while (tabs.length < count) {
    const batch = Math.min(OPEN_AT_ONCE, count - tabs.length);
    const start = tabs.length;
    tabs.push(
      ...(await Promise.all(Array.from({ length: batch }, (_, i) => openTab(server.url, customer(prefix, start + i))))),
    );
  }
}

async function closeAll(server: BenchServer, tabs: Tab[]) {
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
  return { left, releaseMs };
}

/**
 * Opens streams step by step on one server, measures each step at idle, then closes them all. Before
 * measuring, as many streams of other customers are opened and closed (the warm-up): code compiled, Node's
 * HTTP parser pool filled, and the proxy's bounded per-customer caches full, so that "after close" compares
 * like with like; `cold` is the heap before the warm-up, to show what the warm-up left.
 */
async function measure(server: BenchServer, upstream: BenchServer, proxy: boolean, notifies = NOTIFIES) {
  const cold = await memory(server);
  const warm: Tab[] = [];
  await openTabs(server, warm, Math.max(...STEPS), "w");
  await closeAll(server, warm);
  const before = await memory(server);
  const tabs: Tab[] = [];
  const steps: Step[] = [];
  for (const n of STEPS) {
    await openTabs(server, tabs, n, "s");
    await sleep(500);
    const { heap, rss } = await memory(server);
    const cpu0 = (await server.stats()).cpu;
    const reads0 = await reads(upstream);
    await sleep(IDLE_MS);
    const cpu1 = (await server.stats()).cpu;
    const pollsPerS = ((await reads(upstream)) - reads0) / (IDLE_MS / 1000);
    const userMsPerS = (cpu1.user - cpu0.user) / 1000 / (IDLE_MS / 1000);
    const systemMsPerS = (cpu1.system - cpu0.system) / 1000 / (IDLE_MS / 1000);
    const cpuMsPerS = userMsPerS + systemMsPerS;
    // notify(): a changed balance, then the time until that customer's tab has the event.
    const latencies: number[] = [];
    for (let i = 0; i < notifies; i++) {
      const tab = tabs[Math.floor((i * tabs.length) / notifies)] as Tab;
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
      userMsPerS,
      systemMsPerS,
      heap,
      rss,
      cpuMsPerS,
      pollsPerS,
      notifyP50: percentile(latencies, 50),
      notifyP99: percentile(latencies, 99),
    });
  }
  const { left, releaseMs } = await closeAll(server, tabs);
  const after = await memory(server);
  return { cold, before, steps, after, left, releaseMs };
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(1)}`;

/**
 * Open streams at scale: 1,000 / 5,000 / 10,000 streams of as many customers on our proxy (the product's
 * stream defaults) beside a bare node:http SSE server holding the same connections and sending the same
 * events; and the same proxy with its polls turned off, so the idle CPU of the polls and of the streams
 * themselves are reported apart.
 */
export async function streamsScaleSection(): Promise<Section> {
  const load = loadavg()[0] ?? 0;
  const upstream = await startServer("stream upstream", "stream-upstream.mjs");
  const bare = await startServer("bare node:http SSE", "bare-sse.mjs");
  let proxy: BenchServer | undefined;
  let quiet: BenchServer | undefined;
  try {
    const floor = await measure(bare, upstream, false);
    bare.stop();
    proxy = await startServer("proxy", "stream-proxy.mjs", { UPSTREAM_URL: upstream.url, DEFAULTS: "1" });
    const ours = await measure(proxy, upstream, true);
    proxy.stop();
    // The same proxy and settings with a poll budget of one poll per 1,000 s: no polls in the window.
    quiet = await startServer("proxy, polls off", "stream-proxy.mjs", {
      UPSTREAM_URL: upstream.url,
      DEFAULTS: "1",
      MAX_POLLS_PER_S: "0.001",
    });
    const pollsOff = await measure(quiet, upstream, true, 0);
    const perPollUs = (o: Step, q: Step) =>
      o.pollsPerS > 0 ? ((o.cpuMsPerS - q.cpuMsPerS) / o.pollsPerS) * 1000 : NaN;
    const rows = STEPS.map((n, i) => {
      const o = ours.steps[i] as Step;
      const q = pollsOff.steps[i] as Step;
      const f = floor.steps[i] as Step;
      return [
        `${n.toLocaleString("en-US")} streams`,
        `${mb(o.heap)} / ${mb(f.heap)} (${(o.heap / f.heap).toFixed(1)}×)`,
        `${mb(o.rss)} / ${mb(f.rss)} (${(o.rss / f.rss).toFixed(1)}×)`,
        `${((o.heap - ours.before.heap) / n / 1024).toFixed(1)} / ${((f.heap - floor.before.heap) / n / 1024).toFixed(1)}`,
        `${o.cpuMsPerS.toFixed(1)} / ${f.cpuMsPerS.toFixed(1)} (${(o.cpuMsPerS / Math.max(f.cpuMsPerS, 0.1)).toFixed(1)}×)`,
        `${q.cpuMsPerS.toFixed(1)} (${(q.cpuMsPerS / Math.max(f.cpuMsPerS, 0.1)).toFixed(1)}×)`,
        // CPU per poll is a difference of two noisy idle measurements: below zero it says only that the noise was larger.
        `${o.pollsPerS.toFixed(1)} (${perPollUs(o, q) >= 0 ? `${perPollUs(o, q).toFixed(0)} µs each` : "CPU per poll below the noise"})`,
        `${o.notifyP50.toFixed(1)} / ${o.notifyP99.toFixed(1)} (bare ${f.notifyP99.toFixed(1)})`,
      ];
    });
    rows.push([
      "after every stream closed",
      `${mb(ours.after.heap)} / ${mb(floor.after.heap)} (${signed((ours.after.heap - ours.before.heap) / 1e6)} / ${signed((floor.after.heap - floor.before.heap) / 1e6)} MB vs warm baseline)`,
      `${mb(ours.after.rss)} / ${mb(floor.after.rss)} (before: ${mb(ours.before.rss)} / ${mb(floor.before.rss)})`,
      "",
      "",
      "",
      "",
      `${ours.left.streams} streams, ${ours.left.customers} customers left (${(ours.releaseMs / 1000).toFixed(1)} s)`,
    ]);
    rows.push([
      "warm-up left (cold → warm baseline)",
      `${mb(ours.cold.heap)} → ${mb(ours.before.heap)} / ${mb(floor.cold.heap)} → ${mb(floor.before.heap)} (${signed((ours.before.heap - ours.cold.heap) / 1e6)} / ${signed((floor.before.heap - floor.cold.heap) / 1e6)} MB)`,
      "",
      "",
      "",
      "",
      "",
      "",
    ]);
    const top = ours.steps[ours.steps.length - 1] as Step;
    const topQuiet = pollsOff.steps[pollsOff.steps.length - 1] as Step;
    const topFloor = floor.steps[floor.steps.length - 1] as Step;
    const heapBack = (ours.after.heap - ours.before.heap) / 1e6;
    const floorBack = (floor.after.heap - floor.before.heap) / 1e6;
    const warmLeft = (ours.before.heap - ours.cold.heap - (floor.before.heap - floor.cold.heap)) / 1e6;
    const streamsLabel = top.streams.toLocaleString("en-US");
    return {
      title: `Streams at scale: ${STEPS.map((n) => n.toLocaleString("en-US")).join(" / ")} open streams vs a bare SSE server`,
      intro:
        `Each stream is a distinct customer's GET /wallet/stream on one proxy process with the product's stream settings (poll every 2 s, backing off to 15 s for idle customers, at most ${POLL_BUDGET} polls per second in total: \`streams.maxPollsPerSecond\`, longest waiting first, started in batches of at most a fifth of a second's budget; heartbeat 15 s), calling the stand-in Credyt through the Node adapter's pool. ` +
        "On Node each stream is written straight to the response (no web stream, signal or timer per connection; one heartbeat interval per proxy). " +
        "The floor is a bare node:http SSE server holding the same connections and sending the same events (retry hint, the wallet, the same heartbeat comment and event, byte for byte; a timer per connection; no upstream). " +
        `Each server first opens and closes ${streamsLabel} streams of other customers (warm-up: code compiled, Node's HTTP parser pool filled, the proxy's bounded per-customer caches full), then each step opens streams up to its count and measures after a forced GC (heap, RSS; median of three) and over ${IDLE_MS / 1000} s with no balance changing (one heartbeat period, so every stream of either server sends one heartbeat in it; CPU = the server process's user + system time, polls counted by the stand-in Credyt), then times ${NOTIFIES} notify() → event deliveries. ` +
        "Cells are ours / floor. Credyt has no balance webhook, so the proxy polls: idle CPU is shown with the polls (the product as it runs) and without them (the same proxy with `maxPollsPerSecond: 0.001`, a third process measured the same way: what holding the streams costs); CPU per poll = the difference over polls/s. The polls/s column is the total rate reaching Credyt from this one instance. " +
        `After close: the heap against the warm baseline (what streams leave behind); the warm-up row shows what a first ${streamsLabel} customers left in each process (ours beyond the floor's: ${signed(warmLeft)} MB), which is bounded: the read-limit windows (an LRU of at most 10,000 keys; about 2.3 MB at 10,000), the customer references (at most 10,000, then cleared; about 1 MB) and code compiled on first use (1.5-2 MB), estimated from heap snapshots of 6,000 customers in one process; a second ${streamsLabel} customers (the measured round) replace those entries instead of adding to them. The hub itself keeps nothing of a closed stream (checked by src/_internal/stream-writer.test.ts: its maps, poll queue, heartbeat set and timers are empty). ` +
        `Load average when the section started: ${load.toFixed(1)} on this machine's shared cores.`,
      columns: [
        "open streams",
        "heap MB after GC",
        "RSS MB",
        "heap KB per stream",
        "idle CPU ms/s, with polls",
        "idle CPU ms/s, polls off",
        "polls/s to Credyt (CPU per poll)",
        "notify p50 / p99 ms",
      ],
      rows,
      goals: [
        {
          name: `heap at ${streamsLabel} streams vs floor`,
          value: `${(top.heap / topFloor.heap).toFixed(1)}×`,
          target: "≤ 2×",
          met: top.heap / topFloor.heap <= 2,
        },
        {
          name: `RSS at ${streamsLabel} streams vs floor`,
          value: `${(top.rss / topFloor.rss).toFixed(1)}×`,
          target: "≤ 2×",
          met: top.rss / topFloor.rss <= 2,
        },
        {
          name: `idle CPU at ${streamsLabel} streams vs floor, polls included`,
          value: `${top.cpuMsPerS.toFixed(1)} vs ${topFloor.cpuMsPerS.toFixed(1)} ms/s at ${top.pollsPerS.toFixed(0)} polls/s`,
          target: "≤ 2×",
          met: top.cpuMsPerS <= 2 * Math.max(topFloor.cpuMsPerS, 1),
        },
        {
          name: `idle CPU at ${streamsLabel} streams vs floor, polls off`,
          value: `${topQuiet.cpuMsPerS.toFixed(1)} vs ${topFloor.cpuMsPerS.toFixed(1)} ms/s`,
          target: "≤ 2×",
          met: topQuiet.cpuMsPerS <= 2 * Math.max(topFloor.cpuMsPerS, 1),
        },
        {
          name: "heap back to the warm baseline after close",
          value: `${signed(heapBack)} MB (floor ${signed(floorBack)}), ${ours.left.streams} streams left`,
          target: "within 2 MB, 0 left",
          met: heapBack <= 2 && ours.left.streams === 0 && ours.left.customers === 0,
        },
        {
          name: `polls/s to Credyt at ${streamsLabel} idle customers`,
          value: top.pollsPerS.toFixed(1),
          target: `≤ streams.maxPollsPerSecond (${POLL_BUDGET}, the default)`,
          // The bucket may hold one batch (a fifth of a second's polls) at the start of the window.
          met: Math.max(...ours.steps.map((s) => s.pollsPerS)) <= POLL_BUDGET * (1 + 0.2 / (IDLE_MS / 1000)),
        },
      ],
      data: { floor, ours, pollsOff },
    };
  } finally {
    upstream.stop();
    bare.stop();
    proxy?.stop();
    quiet?.stop();
  }
}
