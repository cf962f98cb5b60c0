// The exports map sends Node (Next's Node runtime, Hono on @hono/node-server, Vite's dev server, node:http)
// to the Node build of `.`, `./next` and `./hono`, whose default fetch is the upstream pool (undici), and
// every Fetch runtime (workerd, Next's edge runtime, Deno, Bun, browsers) to the plain build, which never
// imports undici (issue 26). Here through the `@credyt/source` condition, as the repo's tests resolve.
import { describe, expect, it } from "vitest";
import { bundleFor, RUNTIMES } from "./runtime-bundle";

describe("export conditions, source", () => {
  it.each(Object.entries(RUNTIMES))("%s", async (runtime, conditions) => {
    const { files, imports } = await bundleFor(conditions, { source: true });
    const nodeBuild = conditions.includes("node") && !["deno", "bun"].includes(runtime);
    expect(files).toEqual(expect.arrayContaining(["src/index.ts", "src/next.ts", "src/hono.ts"]));
    if (nodeBuild) {
      expect(files).toEqual(
        expect.arrayContaining([
          "src/index.node.ts",
          "src/next.node.ts",
          "src/hono.node.ts",
          "src/_internal/upstream-pool.ts",
        ]),
      );
      expect(imports).toContain("undici");
    } else {
      expect(files.filter((file) => /\.node\.ts$|upstream-pool|node-default-fetch/.test(file))).toEqual([]);
      expect(imports).not.toContain("undici");
    }
  });
});
