import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src");

/** Every source file reachable from an entry through relative imports, with its bare imports. */
function graph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:import|export)[^"']*?from\s*["']([^"']+)["']/g)].map(
      (m) => m[1] as string,
    );
    seen.set(
      file,
      specifiers.filter((s) => !s.startsWith(".")),
    );
    for (const s of specifiers.filter((x) => x.startsWith("."))) {
      const target = path.resolve(path.dirname(file), `${s}.ts`);
      if (existsSync(target)) visit(target);
    }
  };
  visit(path.join(src, entry));
  return seen;
}

describe("@credyt/emulator runs on any Fetch runtime", () => {
  it("the main entry imports no Node built-ins and no Node-only packages", () => {
    const files = graph("index.ts");
    expect(files.size).toBeGreaterThan(10);
    for (const [file, bare] of files) {
      for (const specifier of bare) {
        expect(specifier, path.relative(src, file)).not.toMatch(/^node:|^@hono\/node-server/);
      }
      expect(readFileSync(file, "utf8"), path.relative(src, file)).not.toMatch(/\bprocess\.|\bBuffer\b|require\(/);
    }
  });

  it("the node entry is the one that uses node:http", () => {
    const bare = [...graph("node.ts").values()].flat();
    expect(bare).toContain("node:http");
  });
});
