// What is particular to the proxy's layout: its six entries (three with a Node build), big.js behind one module, no same-named twins.
// The rules every package shares (`_internal/` imports only `_internal/`, nothing but entries outside it, no
// import cycle, type-only included) are `pnpm lint:deps` (.dependency-cruiser.cjs), with their own fixtures.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { "@credyt/source"?: string | Record<string, string> }>;
};

// The source condition names one file, or one per runtime (`.`, `./next`, `./hono`: a Node build and the rest).
const entries = [
  ...new Set(
    Object.values(pkg.exports)
      .map((target) => (typeof target === "object" ? target["@credyt/source"] : undefined))
      .flatMap((source) => (typeof source === "object" ? Object.values(source) : source === undefined ? [] : [source])),
  ),
].map((path) => resolve(root, path));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test(-d)?\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("package layout", () => {
  const files = sources(src);

  it("src/ holds exactly the entry files of the exports map", () => {
    const topLevel = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(src, entry.name));
    expect(topLevel.sort()).toEqual([...entries].sort());
    expect(entries.map((path) => relative(src, path)).sort()).toEqual([
      "hono.node.ts",
      "hono.ts",
      "index.node.ts",
      "index.ts",
      "next.node.ts",
      "next.ts",
      "node.ts",
      "probe.ts",
      "redis.ts",
    ]);
  });

  it("uses big.js only through _internal/decimal.ts", () => {
    const users = files.filter((file) => /from\s+["']big\.js["']/.test(readFileSync(file, "utf8")));
    expect(users.map((file) => relative(src, file))).toEqual([join("_internal", "decimal.ts")]);
  });

  it("gives no two modules a top-level function or constant of the same name (twins that drift apart)", () => {
    // The same factory name on every subpath is the design; `fail` is each factory's own optionFailure(…).
    const allowed = new Set(["createCredytProxy", "createCredyt", "fail"]);
    const owners = new Map<string, string[]>();
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/^(?:export )?(?:async )?(?:function|const|let|class) ([A-Za-z_$][\w$]*)/gm)) {
        const name = match[1] as string;
        owners.set(name, [...(owners.get(name) ?? []), relative(src, file)]);
      }
    }
    const twins = [...owners].filter(([name, where]) => where.length > 1 && !allowed.has(name));
    expect(twins).toEqual([]);
  });
});
