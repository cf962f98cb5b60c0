#!/usr/bin/env node
// `pnpm test`: every check and every test runner of the repo, in order, then one closing line
// `N passed, N failed` summed over all of them. Each step runs even when an earlier one failed,
// so one run shows every failure; the exit code is non-zero when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findChromium } from "./chromium.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const resultsDir = path.join(root, ".test-results");

function onPath(command) {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

const missing = [];
if (!findChromium()) {
  missing.push(
    "Chromium, for the browser tests: sudo apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium binary)",
  );
}
if (!onPath("redis-server")) {
  missing.push("redis-server, for the proxy's shared-store tests: sudo apt-get install -y redis-server");
}
// The screenshot baselines are drawn with these fonts; without them every comparison would fail.
const fonts = spawnSync("fc-list", [], { encoding: "utf8" });
if (fonts.status !== 0 || !/DejaVu Sans/i.test(fonts.stdout) || !/IPAGothic/i.test(fonts.stdout)) {
  missing.push(
    "the fonts the screenshot baselines are drawn with: sudo apt-get install -y fonts-dejavu-core fonts-ipafont-gothic",
  );
}
if (missing.length > 0) {
  console.error(
    `pnpm test needs system packages that are missing (tests are never skipped):\n${missing.map((m) => `  - ${m}`).join("\n")}\n` +
      "On Debian or Ubuntu run `sudo apt-get update` first. .ci/run installs both by itself.",
  );
  console.log(`0 passed, ${missing.length} failed`);
  process.exit(1);
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const env = {
  ...process.env,
  CREDYT_TEST_RESULTS: resultsDir,
  TURBO_TELEMETRY_DISABLED: "1",
  STORYBOOK_DISABLE_TELEMETRY: "1",
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  FORCE_COLOR: process.env.FORCE_COLOR ?? "1",
};

/** The steps, in order. Each counts once as a check; test runners also write JSON results. */
const steps = [
  { name: "lint (biome, knip, dependency-cruiser)", cmd: "pnpm", args: ["run", "lint"] },
  {
    name: "build + typecheck",
    cmd: "pnpm",
    args: ["exec", "turbo", "run", "build", "typecheck", "--output-logs=errors-only"],
  },
  { name: "package tests", cmd: "pnpm", args: ["exec", "turbo", "run", "test", "--concurrency=1", "--continue"] },
];

// The Storybook suites: the static build, every story as a test (vitest browser mode + axe), and
// one screenshot per story and theme against committed baselines (Playwright).
steps.push(
  { name: "storybook build", cmd: "pnpm", args: ["run", "build-storybook"] },
  {
    name: "storybook stories (vitest + a11y)",
    cmd: "pnpm",
    args: ["exec", "vitest", "run", "--config", ".storybook/vitest.config.ts", "--project", "storybook"],
  },
  {
    name: "storybook screenshots (playwright)",
    cmd: "pnpm",
    args: ["exec", "playwright", "test", "--config", ".storybook/visual/playwright.config.ts"],
  },
);

// What an npm user gets: every publishable package packed, installed with npm into a fresh Vite app outside the
// workspace, the README's quick start applied and the journey run in Chromium (needs the npm registry).
steps.push({
  name: "consumer smoke test (packed tarballs, npm, vite, chromium)",
  cmd: "pnpm",
  args: ["exec", "vitest", "run", "--config", "packages/tooling/smoke/vitest.config.ts"],
});

let checksPassed = 0;
let checksFailed = 0;
const failedSteps = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.cmd, step.args, { cwd: root, env, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    checksPassed++;
    console.log(`✔ ${step.name} (${seconds}s)`);
  } else {
    checksFailed++;
    failedSteps.push(step.name);
    console.log(`✘ ${step.name} (${seconds}s, exit ${result.status ?? result.signal})`);
  }
}

let passed = 0;
let failed = 0;
for (const file of readdirSync(resultsDir).filter((f) => f.endsWith(".json"))) {
  try {
    const data = JSON.parse(readFileSync(path.join(resultsDir, file), "utf8"));
    if (typeof data.numPassedTests === "number") {
      // vitest's json reporter
      passed += data.numPassedTests;
      failed += data.numFailedTests;
    } else if (data.stats) {
      // playwright's json reporter
      passed += (data.stats.expected ?? 0) + (data.stats.flaky ?? 0);
      failed += data.stats.unexpected ?? 0;
      if (data.stats.flaky) console.log(`⚠ ${file}: ${data.stats.flaky} flaky (passed on a retry)`);
    }
  } catch (error) {
    failed++;
    console.log(`✘ could not read test results ${file}: ${error.message}`);
  }
}

console.log(`\nTests: ${passed} passed, ${failed} failed; checks: ${checksPassed} passed, ${checksFailed} failed`);
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(", ")}`);
console.log(`${passed + checksPassed} passed, ${failed + checksFailed} failed`);
process.exit(failed + checksFailed === 0 ? 0 : 1);
