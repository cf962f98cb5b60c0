import { type BenchServer, startServer } from "./_process";
import { openTab, type Tab } from "./_stream-clients";

const N = Number(process.env.N ?? 2000);
const IDLE = Number(process.env.IDLE ?? 15000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reads = async (u: BenchServer) => ((await (await fetch(`${u.url}/__reads`)).json()) as { reads: number }).reads;
const upstream = await startServer("up", "stream-upstream.mjs");
for (const [name, file, env] of [
  ["bare", "bare-sse.mjs", {}],
  ["ours", "stream-proxy.mjs", { UPSTREAM_URL: upstream.url, DEFAULTS: "1" }],
  ["ours-nopoll", "stream-proxy.mjs", { UPSTREAM_URL: upstream.url, DEFAULTS: "1", MAX_POLLS_PER_S: "0.001" }],
] as const) {
  if (process.env.ONLY && !process.env.ONLY.split(",").includes(name)) continue;
  const s = await startServer(name, file, env);
  const tabs: Tab[] = [];
  for (let i = 0; i < N; i += 250)
    tabs.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(250, N - i) }, (_, j) => openTab(s.url, `cust_${name}${i + j}`)),
      )),
    );
  await sleep(1000);
  const stop = process.env.PROF && name !== "bare" ? await s.profile(`/tmp/s26/${name}.cpuprofile`) : undefined;
  const c0 = (await s.stats()).cpu;
  const r0 = await reads(upstream);
  await sleep(IDLE);
  const c1 = (await s.stats()).cpu;
  const r1 = await reads(upstream);
  await stop?.();
  const ms = (c1.user + c1.system - c0.user - c0.system) / 1000 / (IDLE / 1000);
  const port = new URL(upstream.url).port;
  const { execSync } = await import("node:child_process");
  const conns = execSync(`ss -Htn state established '( dport = :${port} )' | wc -l`).toString().trim();
  console.log(
    name,
    N,
    "cpu ms/s",
    ms.toFixed(1),
    "user",
    ((c1.user - c0.user) / 1000 / (IDLE / 1000)).toFixed(1),
    "sys",
    ((c1.system - c0.system) / 1000 / (IDLE / 1000)).toFixed(1),
    "upstream conns",
    conns,
    "polls/s",
    ((r1 - r0) / (IDLE / 1000)).toFixed(1),
  );
  for (const t of tabs) t.request.destroy();
  s.stop();
}
upstream.stop();
process.exit(0);
