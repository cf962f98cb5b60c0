// The built package's exports map (run after `vite build`): Node gets dist/*.node.js, whose default fetch is
// the upstream pool (undici); workerd, Next's edge runtime, Deno, Bun and browsers get the plain files, whose
// import graph never reaches undici (issue 26).
import { describe, expect, it } from "vitest";
import { bundleFor, RUNTIMES } from "../runtime-bundle";

const cases = Object.entries(RUNTIMES).flatMap(([runtime, conditions]) =>
  (["import", "require"] as const).map((kind) => [`${runtime}, ${kind}`, runtime, conditions, kind] as const),
);

describe("export conditions, dist", () => {
  it.each(cases)("%s", async (_, runtime, conditions, kind) => {
    const { files, imports } = await bundleFor(conditions, { source: false, require: kind === "require" });
    const nodeBuild = conditions.includes("node") && !["deno", "bun"].includes(runtime);
    const ext = kind === "require" ? "cjs" : "js";
    expect(files).toEqual(expect.arrayContaining([`dist/index.${ext}`, `dist/next.${ext}`, `dist/hono.${ext}`]));
    expect(files.filter((file) => file.startsWith("src/"))).toEqual([]);
    if (nodeBuild) {
      expect(files).toEqual(
        expect.arrayContaining([`dist/index.node.${ext}`, `dist/next.node.${ext}`, `dist/hono.node.${ext}`]),
      );
      expect(imports).toContain("undici");
    } else {
      expect(files.filter((file) => file.includes(".node."))).toEqual([]);
      expect(imports).not.toContain("undici");
    }
  });
});
