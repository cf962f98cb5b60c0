// `pnpm lint` runs the unused-code check (knip) and the boundary-and-cycle check (dependency-cruiser)
// with the repository's own configs. Each fixture folder under test/fixtures/ is a tiny workspace laid
// out like this one with exactly one violation; the check must fail on it and name the rule, and pass
// on the clean fixture. The real repository passing is `pnpm lint` itself.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(command: string, args: string[], cwd: string) {
  // Plain text whatever the caller's terminal settings (`pnpm test` sets FORCE_COLOR).
  const { FORCE_COLOR: _, ...env } = process.env;
  const result = spawnSync(bin(command), args, { cwd, encoding: "utf8", env: { ...env, NO_COLOR: "1" } });
  return { status: result.status, output: stripVTControlCharacters(`${result.stdout}${result.stderr}`) };
}

const cruise = (fixture: string) =>
  run(
    "depcruise",
    ["packages", "--config", path.join(root, ".dependency-cruiser.cjs")],
    path.join(fixtures, "cruiser", fixture),
  );
const knip = (fixture: string) =>
  run(
    "knip",
    ["--config", path.join(root, "knip.jsonc"), "--no-config-hints", "--no-progress"],
    path.join(fixtures, "knip", fixture),
  );

const cases = (kind: string) => readdirSync(path.join(fixtures, kind)).filter((name) => name !== "clean");
// A fixture folder is named after the rule it breaks, with `--<case>` when one rule has several.
const ruleOf = (fixture: string) => fixture.split("--")[0];

describe("boundary-and-cycle check (dependency-cruiser, .dependency-cruiser.cjs)", () => {
  it("passes a clean layout", () => {
    const { status, output } = cruise("clean");
    expect(output).toContain("no dependency violations found");
    expect(status).toBe(0);
  });

  it("has a failing fixture for every rule", () => {
    expect([...new Set(cases("cruiser").map(ruleOf))].sort()).toEqual(
      [
        "core-imports-no-node-builtins",
        "core-imports-no-react-or-package",
        "entries-only-outside-internal",
        "internal-imports-only-internal",
        "no-circular",
        "proxy-emulator-apart",
        "react-imports-no-server",
      ].sort(),
    );
  });

  it("checks every kind of import out of src/_internal/: an entry, a top-level module, another folder, from a test", () => {
    expect(
      cases("cruiser")
        .filter((name) => ruleOf(name) === "internal-imports-only-internal")
        .sort(),
    ).toEqual([
      "internal-imports-only-internal",
      "internal-imports-only-internal--other-folder",
      "internal-imports-only-internal--test-file",
      "internal-imports-only-internal--top-level-module",
    ]);
  });

  it.each(cases("cruiser"))("fails on one %s violation and names the rule", (fixture) => {
    const { status, output } = cruise(fixture);
    expect(output).toContain(`error ${ruleOf(fixture)}:`);
    expect(output).toMatch(/x 1 dependency violations \(1 errors/);
    expect(status).not.toBe(0);
  });
});

describe("unused-code check (knip, knip.jsonc)", () => {
  it("passes a clean workspace", () => {
    const { status, output } = knip("clean");
    expect(output.trim()).toBe("");
    expect(status).toBe(0);
  });

  it.each([
    ["unused-file", "Unused files (1)", "packages/core/src/old-format.ts"],
    ["unused-export", "Unused exports (1)", "ROUNDING"],
    ["unused-dependency", "Unused dependencies (1)", "zod"],
  ])("fails on %s and names it", (fixture, heading, culprit) => {
    const { status, output } = knip(fixture);
    expect(output).toContain(heading);
    expect(output).toContain(culprit);
    expect(status).not.toBe(0);
  });
});
