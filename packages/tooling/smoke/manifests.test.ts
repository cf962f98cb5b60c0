/**
 * What `npm install @credyt/…` puts in node_modules: the package.json inside every public package's packed
 * tarball (packed once by global-setup.ts, through the root .pnpmfile.cjs's beforePacking hook) carries
 * nothing of the workspace: no scripts (an install runs none), no devDependencies, no `workspace:` or
 * `catalog:` ranges, and no export condition that points at TypeScript sources in src/.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { publicPackages } from "./global-setup";

const tarballs = inject("tarballs");

function manifestOf(name: string): Record<string, unknown> {
  const file = tarballs[name];
  if (!file) throw new Error(`no tarball for @credyt/${name}`);
  return JSON.parse(execFileSync("tar", ["-xzOf", file, "package/package.json"], { encoding: "utf8" }));
}

/** Every [condition path, target] leaf of an `exports` map. */
function leaves(value: unknown, at: string[] = []): Array<[string, string]> {
  if (typeof value === "string") return [[at.join(" → "), value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...at, String(i)]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...at, key]));
  return [];
}

describe("the published package.json files", () => {
  it("every public package was packed", () => {
    expect(Object.keys(tarballs).sort()).toEqual(publicPackages());
    expect(publicPackages()).toEqual(expect.arrayContaining(["core", "emulator", "proxy", "react", "vite"]));
  });

  it.each(publicPackages())(
    "@credyt/%s: no scripts, devDependencies, workspace ranges or source conditions",
    (name) => {
      const manifest = manifestOf(name);
      expect(manifest.name).toBe(`@credyt/${name}`);
      // Harmless lifecycle scripts would be allowed; none are needed, so none are published.
      const scripts = Object.keys((manifest.scripts as Record<string, string> | undefined) ?? {});
      expect(scripts.filter((s) => !["test"].includes(s))).toEqual([]);
      expect(manifest.devDependencies).toBeUndefined();
      const ranges = ["dependencies", "peerDependencies", "optionalDependencies"].flatMap((field) =>
        Object.entries((manifest[field] as Record<string, string> | undefined) ?? {}).map(
          ([dep, range]) => `${dep}@${range}`,
        ),
      );
      expect(ranges.filter((r) => /@(workspace|catalog|link|file):/.test(r))).toEqual([]);
      const targets = [
        ...leaves(manifest.exports),
        ...leaves({ main: manifest.main, module: manifest.module, types: manifest.types }),
      ];
      expect(
        targets.filter(
          ([, target]) => /(^|\/)src\//.test(target) || /\.tsx?$/.test(target.replace(/\.d\.[cm]?ts$/, "")),
        ),
      ).toEqual([]);
      const conditions = new Set(leaves(manifest.exports).flatMap(([at]) => at.split(" → ")));
      for (const workspaceOnly of ["source", "development", "@credyt/source"])
        expect(conditions).not.toContain(workspaceOnly);
    },
  );
});
