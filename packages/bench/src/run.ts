/**
 * `pnpm bench`: every section, then packages/bench/results/RESULTS.md and results.json.
 * `pnpm bench -- proxy` (or bundle, requests, render, faults, emulator, streams, scroll) runs some sections only;
 * the other sections of the last full run are kept in the results, marked with the run they come from.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { here } from "./_process";
import { bundleSection } from "./bundle";
import { proxySection } from "./proxy";
import { machine, markdown, type Section } from "./report";

const ALL: Record<string, () => Promise<Section>> = {
  bundle: bundleSection,
  requests: async () => (await import("./requests")).requestsSection(),
  proxy: proxySection,
  render: async () => (await import("./render")).renderSection(),
  faults: async () => (await import("./load-faults")).loadFaultsSection(),
  emulator: async () => (await import("./emulator")).emulatorSection(),
  streams: async () => (await import("./streams")).streamsSection(),
  scroll: async () => (await import("./scroll")).scrollSection(),
};

const wanted = process.argv.slice(2).filter((a) => a in ALL);
const names = wanted.length ? wanted : Object.keys(ALL);
const started = new Date();
const t0 = performance.now();
const sections: Section[] = [];
for (const name of names) {
  const s0 = performance.now();
  console.log(`▶ ${name}`);
  const section = await ALL[name]!();
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
  const merged = kept.sections.map(
    (s) => fresh.get(s.title) ?? { ...s, intro: `${s.intro} (From the run of ${kept.started.slice(0, 16)}.)` },
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
