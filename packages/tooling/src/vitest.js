import path from "node:path";

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

/** Resolve workspace packages to their TypeScript source, so tests need no build. */
export const sourceConditions = ["@credyt/source"];

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
