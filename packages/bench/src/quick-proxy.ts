/**
 * A quick look at the proxy's per-request cost while working on it (not part of `pnpm bench`):
 * `node --import tsx src/quick-proxy.ts [seconds] [rounds] [targets…]` prints req/s and server CPU µs/req per
 * target for a customer per request at c=50 and c=1, interleaved, and the top self time of each target's
 * profile when PROFILE=1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { type BenchServer, type Load, median, runJson, startServer } from "./_process";
import { topSelfTime } from "./_profile";

const [seconds = "3", rounds = "2", ...only] = process.argv.slice(2);
const upstream = await startServer("upstream", "upstream.mjs");
const env = { UPSTREAM_URL: upstream.url };
const all: [string, string, Record<string, string>][] = [
  ["floor", "bare-fetch.mjs", {}],
  ["node", "ours.mjs", {}],
  ["fetch", "ours-fetch.mjs", {}],
  ["fetch-global", "ours-fetch.mjs", { FETCH: "global" }],
  ["floor-bounded", "bare-fetch.mjs", { TIMEOUT: "1" }],
];
const targets: BenchServer[] = [];
for (const [name, file, extra] of all)
  if (only.length === 0 || only.includes(name)) targets.push(await startServer(name, file, { ...env, ...extra }));
const url = (t: BenchServer) => `${t.url}/api/credyt/wallet`;
console.log(`load average ${loadavg()[0]?.toFixed(1)}`);
const results = new Map<string, { rps: number[]; cpu: number[]; bad: number }>();
try {
  for (const t of targets) await runJson<Load>("load.mjs", [url(t), "10", "1", "distinct"]);
  for (let r = 0; r < Number(rounds); r++) {
    for (const c of ["50", "1"]) {
      for (const t of targets) {
        const before = await t.stats();
        const load = await runJson<Load>("load.mjs", [url(t), c, seconds, "distinct"]);
        const after = await t.stats();
        const cpu = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / load.total;
        const key = `${t.name} c${c}`;
        const entry = results.get(key) ?? { rps: [], cpu: [], bad: 0 };
        entry.rps.push(load.rps);
        entry.cpu.push(cpu);
        entry.bad += load.non2xx + load.errors;
        results.set(key, entry);
      }
    }
  }
  for (const [key, e] of results) {
    const floorKey = `floor ${key.split(" ")[1]}`;
    const floor = results.get(floorKey);
    const ratio = floor ? median(e.rps) / median(floor.rps) : Number.NaN;
    const cpuRatio = floor ? median(floor.cpu) / median(e.cpu) : Number.NaN;
    console.log(
      `${key.padEnd(18)} ${median(e.rps).toFixed(0).padStart(6)} req/s (${ratio.toFixed(2)}×)  cpu ${median(e.cpu).toFixed(0)} µs/req (${cpuRatio.toFixed(2)}×)  bad ${e.bad}`,
    );
  }
  if (process.env.PROFILE) {
    for (const t of targets) {
      const dir = mkdtempSync(path.join(tmpdir(), "quick-prof-"));
      const stop = await t.profile(path.join(dir, "p.cpuprofile"));
      await runJson<Load>("load.mjs", [url(t), "50", seconds, "distinct"]);
      await stop();
      const p = topSelfTime(dir, Number(process.env.PROFILE) > 1 ? Number(process.env.PROFILE) : 15);
      console.log(
        `\n${t.name}: ${p.busySamples} busy samples, own ${(100 * p.ownShare).toFixed(1)}%\n  ${p.top.join("\n  ")}`,
      );
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  for (const t of [upstream, ...targets]) t.stop();
}
