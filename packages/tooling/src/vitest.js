import { availableParallelism } from "node:os";
import path from "node:path";
import { defaultClientConditions, defaultServerConditions } from "vite";

/**
 * Vitest reporters for a package: the default console reporter, plus a JSON file in
 * `$CREDYT_TEST_RESULTS` when the root test runner asks for one (it sums every runner's counts).
 * @param {string} name
 */
export function reporters(name) {
  const dir = process.env.CREDYT_TEST_RESULTS;
  if (!dir) return ["default"];
  return ["default", ["json", { outputFile: path.join(dir, `vitest-${name}.json`) }]];
}

/**
 * How many test files run at once. Vitest's default (one fewer than the cores) is one worker on a 2-core CI
 * machine, while most of our files wait on sockets, timers and child processes rather than compute: `ioBound`
 * suites run one more file than there are cores, CPU-bound ones (jsdom) one per core.
 * @param {"io" | "cpu"} kind
 */
export function maxWorkers(kind) {
  const cores = availableParallelism();
  return kind === "io" ? Math.max(3, cores + 1) : Math.max(2, cores);
}

/** Resolve workspace packages to their TypeScript source, so tests need no build. */
export const sourceConditions = ["@credyt/source"];

/** The browser-side conditions: the source condition, then Vite's defaults (setting `conditions` replaces them). */
export const clientConditions = [...sourceConditions, ...defaultClientConditions];

/** The server-side conditions (Node tests run in Vite's SSR graph): the source condition, then Vite's defaults. */
export const serverConditions = [...sourceConditions, ...defaultServerConditions];

/**
 * `resolve` and `ssr.resolve` for a Vite or Vitest config that uses workspace packages from source:
 * spread it into `defineConfig({ ...sourceResolve, test: … })`.
 */
export const sourceResolve = {
  resolve: { conditions: clientConditions },
  ssr: { resolve: { conditions: serverConditions } },
};

/**
 * Playwright reporters for a suite: the list reporter, plus a JSON file in `$CREDYT_TEST_RESULTS` for the
 * root summary (or `fallbackFile` when run on its own).
 * @param {string} name
 * @param {string} fallbackFile
 */
export function playwrightReporters(name, fallbackFile) {
  const dir = process.env.CREDYT_TEST_RESULTS;
  return [["list"], ["json", { outputFile: dir ? path.join(dir, `playwright-${name}.json`) : fallbackFile }]];
}
