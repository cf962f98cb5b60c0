import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import { startRedis } from "@repo/tooling/redis";
import { type BenchServer, median, startServer } from "./_process";
import { openTab, type Tab } from "./_stream-clients";
import type { Section } from "./report";

const CUSTOMERS = 100;
const TABS_PER_CUSTOMER = 10;
const POLL_MS = 2_000;
const WINDOW_MS = Number(process.env.BENCH_STREAM_WINDOW_MS ?? 10_000);
const NOTIFIES = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const customer = (i: number) => `cust_bench${String(i).padStart(3, "0")}`;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function openTabs(bases: string[]): Promise<Tab[]> {
  const tabs: Tab[] = [];
  for (let t = 0; t < TABS_PER_CUSTOMER; t++) {
    const base = bases[t % bases.length] as string;
    tabs.push(...(await Promise.all(Array.from({ length: CUSTOMERS }, (_, c) => openTab(base, customer(c))))));
  }
  return tabs;
}

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

const upstreamReads = async (upstream: BenchServer) =>
  ((await (await fetch(`${upstream.url}/__reads`)).json()) as { reads: number }).reads;
const bump = (upstream: BenchServer, who: string) => fetch(`${upstream.url}/__bump/${who}`, { method: "POST" });

/** Reads Credyt gets per poll interval over the window, with every stream open. */
async function readsPerInterval(upstream: BenchServer): Promise<number> {
  const before = await upstreamReads(upstream);
  await sleep(WINDOW_MS);
  return ((await upstreamReads(upstream)) - before) / (WINDOW_MS / POLL_MS);
}

/** Change a balance, `notify()` on `via`, and time until every tab of that customer (on `on`) has it. */
async function notifyLatencies(upstream: BenchServer, via: BenchServer, tabs: Tab[]): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < NOTIFIES; i++) {
    const who = customer(i % CUSTOMERS);
    const mine = tabs.filter((tab) => tab.customer === who);
    const counts = mine.map((tab) => tab.events.length);
    await bump(upstream, who);
    const t0 = performance.now();
    await ask(via, { type: "notify", customerId: who, id: i }, "notified");
    const deadline = performance.now() + 3_000;
    while (mine.some((tab, j) => tab.events.length === counts[j]) && performance.now() < deadline) await sleep(1);
    for (const [j, tab] of mine.entries()) {
      const at = tab.events[counts[j] as number];
      if (at !== undefined) latencies.push(Math.max(0, at - t0));
    }
  }
  return latencies;
}

/** The baseline: every tab refetching `GET /wallet` on its own every 2 s, as tabs without a stream do. */
async function pollingBaseline(upstream: BenchServer, proxy: BenchServer) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let stop = false;
  const seen = new Map<string, number[]>();
  let changedAt = Number.POSITIVE_INFINITY;
  const tab = async (who: string, offset: number) => {
    await sleep(offset);
    let first: string | undefined;
    while (!stop) {
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(`${proxy.url}/api/credyt/wallet`, { headers: { "x-bench-user": who }, agent }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => {
            text += c;
          });
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end();
      });
      first ??= body;
      if (body !== first && performance.now() > changedAt) {
        seen.set(who, [...(seen.get(who) ?? []), performance.now() - changedAt]);
        first = body;
      }
      await sleep(POLL_MS);
    }
  };
  const running = Array.from({ length: CUSTOMERS * TABS_PER_CUSTOMER }, (_, i) =>
    tab(customer(i % CUSTOMERS), Math.random() * POLL_MS),
  );
  await sleep(POLL_MS * 1.5);
  const cpu0 = (await proxy.stats()).cpu;
  const reads = await readsPerInterval(upstream);
  const cpu1 = (await proxy.stats()).cpu;
  changedAt = performance.now();
  await Promise.all(Array.from({ length: CUSTOMERS }, (_, c) => bump(upstream, customer(c))));
  await sleep(POLL_MS * 1.5);
  stop = true;
  await Promise.all(running);
  agent.destroy();
  const cpuMs = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000 / (WINDOW_MS / POLL_MS);
  return { reads, cpuMs, latencies: [...seen.values()].flat() };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Live balances: 1,000 open streams across 100 customers on one proxy process, then on two processes
 * sharing Redis, next to the polling baseline (every tab refetching `GET /wallet` every 2 s on its own).
 */
export async function streamsSection(): Promise<Section> {
  const load = loadavg()[0] ?? 0;
  const upstream = await startServer("stream upstream", "stream-upstream.mjs");
  const env = { UPSTREAM_URL: upstream.url, POLL_MS: String(POLL_MS) };
  const one = await startServer("proxy", "stream-proxy.mjs", env);
  const cleanups: (() => void)[] = [() => upstream.stop(), () => one.stop()];
  try {
    const baseline = await pollingBaseline(upstream, one);

    const heapBefore = median([(await one.stats(true)).heapUsed, (await one.stats(true)).heapUsed]);
    const tabs = await openTabs([one.url]);
    const heapOpen = median([(await one.stats(true)).heapUsed, (await one.stats(true)).heapUsed]);
    const heapPerStream = (heapOpen - heapBefore) / tabs.length;
    const cpu0 = (await one.stats()).cpu;
    const reads = await readsPerInterval(upstream);
    const cpu1 = (await one.stats()).cpu;
    const cpuMs = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000 / (WINDOW_MS / POLL_MS);
    const notified = await notifyLatencies(upstream, one, tabs);
    // Without notify: a change found by the poll.
    const counts = tabs.map((tab) => tab.events.length);
    const changedAt = performance.now();
    await Promise.all(Array.from({ length: CUSTOMERS }, (_, c) => bump(upstream, customer(c))));
    await sleep(POLL_MS * 1.5);
    const polled = tabs.flatMap((tab, i) => {
      const at = tab.events[counts[i] as number];
      return at === undefined ? [] : [at - changedAt];
    });
    for (const tab of tabs) tab.request.destroy();
    // Closed sockets are noticed as the event loop gets to them: wait (up to 20 s) until nothing is held.
    const closedAt = performance.now();
    const held = () =>
      ask<{ stats: { streams: number; customers: number } }>(one, { type: "streamStats" }, "streamStats");
    let left = (await held()).stats;
    while ((left.streams > 0 || left.customers > 0) && performance.now() - closedAt < 20_000) {
      await sleep(100);
      left = (await held()).stats;
    }
    const releaseMs = performance.now() - closedAt;

    // Two instances on one Redis: each customer's tabs split between them; notify() on the first.
    const redis = await startRedis();
    cleanups.push(() => void redis.stop());
    const a = await startServer("proxy A", "stream-proxy.mjs", { ...env, REDIS_URL: redis.url });
    const b = await startServer("proxy B", "stream-proxy.mjs", { ...env, REDIS_URL: redis.url });
    cleanups.push(
      () => a.stop(),
      () => b.stop(),
    );
    const split = await openTabs([a.url, b.url]);
    await sleep(POLL_MS);
    const sharedReads = await readsPerInterval(upstream);
    const onB = split.filter((_, i) => Math.floor(i / CUSTOMERS) % 2 === 1);
    const crossed = await notifyLatencies(upstream, a, onB);
    for (const tab of split) tab.request.destroy();

    const row = (name: string, readsPerInterval: string, latencies: number[], heap: string, cpu: string) => [
      name,
      readsPerInterval,
      latencies.length ? `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}` : "n/a",
      heap,
      cpu,
    ];
    return {
      title: "Live balances: 1,000 open tabs across 100 customers",
      intro: `Each customer has ${TABS_PER_CUSTOMER} tabs open. Polling baseline: every tab refetches GET /wallet every ${POLL_MS / 1000} s on its own (what tabs without a stream do). Streams: GET /wallet/stream, the proxy polling each customer every ${POLL_MS / 1000} s (backoff off, the worst case). Upstream reads are counted by the stand-in Credyt over ${WINDOW_MS / 1000} s; latency is from the balance change to the event in every tab of that customer (${NOTIFIES} notifies; "poll" rows: a change nobody notified). Heap per stream: proxy heap after GC with the streams open minus before, over ${CUSTOMERS * TABS_PER_CUSTOMER}. After every tab closed, the proxy held ${left.streams} streams and ${left.customers} polling customers (checked for up to 20 s; it took ${ms(releaseMs)}). Load average when the section started: ${load.toFixed(1)} on this machine's cores (shared): tail latencies move with it.`,
      columns: ["setup", "upstream reads per 2 s", "latency p50 / p99", "heap per open stream", "proxy CPU per 2 s"],
      rows: [
        row(
          "baseline: every tab polls GET /wallet",
          baseline.reads.toFixed(0),
          baseline.latencies,
          "n/a",
          ms(baseline.cpuMs),
        ),
        row(
          "streams, one proxy, notify()",
          reads.toFixed(0),
          notified,
          `${(heapPerStream / 1024).toFixed(1)} KB`,
          ms(cpuMs),
        ),
        row("streams, one proxy, change found by poll", reads.toFixed(0), polled, "", ""),
        row("streams, two proxies + Redis, notify() on A → tabs on B", sharedReads.toFixed(0), crossed, "", ""),
      ],
      goals: [
        {
          name: "upstream polls per interval, one proxy",
          value: reads.toFixed(0),
          target: `≤ ${CUSTOMERS}`,
          met: reads <= CUSTOMERS,
        },
        {
          name: "notify → event p99, loopback",
          value: ms(percentile(notified, 99)),
          target: "< 50 ms",
          met: percentile(notified, 99) < 50,
        },
        {
          name: "upstream polls per interval, two proxies on Redis",
          value: sharedReads.toFixed(0),
          target: `≤ ${CUSTOMERS}`,
          met: sharedReads <= CUSTOMERS,
        },
        {
          name: "notify on A → event on B p99, loopback",
          value: ms(percentile(crossed, 99)),
          target: "< 50 ms",
          met: percentile(crossed, 99) < 50,
        },
        {
          name: "streams and polls left after every tab closed",
          value: `${left.streams} / ${left.customers}`,
          target: "0 / 0",
          met: left.streams === 0 && left.customers === 0,
        },
      ],
      data: {
        baseline: {
          reads: baseline.reads,
          cpuMs: baseline.cpuMs,
          p50: percentile(baseline.latencies, 50),
          p99: percentile(baseline.latencies, 99),
        },
        streams: { reads, heapPerStream, cpuMs, p50: percentile(notified, 50), p99: percentile(notified, 99) },
        polled: { p50: percentile(polled, 50), p99: percentile(polled, 99) },
        redis: { reads: sharedReads, p50: percentile(crossed, 50), p99: percentile(crossed, 99) },
        samples: { baseline: baseline.latencies.length, notified: notified.length, polled: polled.length },
        left,
        releaseMs,
      },
    };
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}
