/**
 * `pnpm bench`: every section, then packages/bench/results/RESULTS.md and results.json.
 * `pnpm bench -- proxy` (or bundle, requests, render, faults, emulator, streams, streams-scale, scroll, noisy,
 * stalled) runs some sections only;
 * the other sections of the last full run are kept in the results, marked with the run they come from.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { here } from "./_process";
import { machine, markdown, type Section } from "./report";

const ALL: Record<string, () => Promise<Section>> = {
  bundle: async () => (await import("./bundle")).bundleSection(),
  requests: async () => (await import("./requests")).requestsSection(),
  proxy: async () => (await import("./proxy")).proxySection(),
  render: async () => (await import("./render")).renderSection(),
  faults: async () => (await import("./load-faults")).loadFaultsSection(),
  emulator: async () => (await import("./emulator")).emulatorSection(),
  streams: async () => (await import("./streams")).streamsSection(),
  "streams-scale": async () => (await import("./streams-scale")).streamsScaleSection(),
  scroll: async () => (await import("./scroll")).scrollSection(),
  noisy: async () => (await import("./noisy-neighbour")).noisyNeighbourSection(),
  stalled: async () => (await import("./stalled-streams")).stalledStreamsSection(),
};

// Each section runs in a process of its own: sections that install a jsdom window (requests, render) would
// otherwise share one module graph, and SWR, loaded by the first, keeps listening on the first window and
// keeps its cache (a full run once measured "0 re-renders over -1 revalidations").
const SECTION_OUT = "BENCH_SECTION_OUT";
const childOut = process.env[SECTION_OUT];
if (childOut) {
  const name = process.argv[2] ?? "";
  writeFileSync(childOut, JSON.stringify(await ALL[name]!()));
  process.exit(0);
}

function runSection(name: string): Promise<Section> {
  const out = path.join(tmpdir(), `credyt-bench-${process.pid}-${name}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
      stdio: "inherit",
      env: { ...process.env, [SECTION_OUT]: out },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code !== 0) return reject(new Error(`bench section ${name} failed (exit ${code ?? signal})`));
      const section = JSON.parse(readFileSync(out, "utf8")) as Section;
      rmSync(out, { force: true });
      resolve(section);
    });
  });
}

const wanted = process.argv.slice(2).filter((a) => a in ALL);
const names = wanted.length ? wanted : Object.keys(ALL);
const started = new Date();
const t0 = performance.now();
const sections: Section[] = [];
for (const name of names) {
  const s0 = performance.now();
  console.log(`▶ ${name}`);
  const section = await runSection(name);
  sections.push(section);
  console.log(`  ${section.title} (${((performance.now() - s0) / 1000).toFixed(1)}s)`);
  for (const row of section.rows) console.log(`    ${row.join(" | ")}`);
  for (const g of section.goals)
    console.log(`    goal ${g.name}: ${g.value} (target ${g.target}) ${g.met ? "met" : "MISSED"}`);
}
const seconds = (performance.now() - t0) / 1000;
const outDir = path.resolve(here, "../results");
mkdirSync(outDir, { recursive: true });
if (wanted.length) {
  // A partial run replaces its own sections and keeps the others from the previous results.
  const previous = path.join(outDir, "results.json");
  const kept: { started: string; sections: Section[] } = existsSync(previous)
    ? JSON.parse(readFileSync(previous, "utf8"))
    : { started: "", sections: [] };
  const fresh = new Map(sections.map((s) => [s.title, s]));
  // A kept section says which run measured it: the previous results' run, unless it was already kept from an
  // older one (then it says so already, and that run is the one that measured it).
  const merged = kept.sections.map(
    (s) =>
      fresh.get(s.title) ??
      (s.intro.includes("(From the run of ")
        ? s
        : { ...s, intro: `${s.intro} (From the run of ${kept.started.slice(0, 16)}.)` }),
  );
  for (const s of sections) if (!kept.sections.some((k) => k.title === s.title)) merged.push(s);
  sections.splice(0, sections.length, ...merged);
}
writeFileSync(path.join(outDir, "RESULTS.md"), markdown(sections, started, seconds));
writeFileSync(
  path.join(outDir, "results.json"),
  `${JSON.stringify({ started: started.toISOString(), seconds, machine: machine(), sections }, null, 2)}\n`,
);
console.log(`\nWrote packages/bench/results/RESULTS.md and results.json in ${seconds.toFixed(0)} s`);
