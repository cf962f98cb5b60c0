// The folder shows the public surface: `src/` holds one entry file per `exports` subpath, everything else
// sits in `src/_internal/`, which never imports an entry, and no import cycle exists (type-only included).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { "@credyt/source"?: string }>;
};

const entries = Object.values(pkg.exports)
  .map((target) => (typeof target === "object" ? target["@credyt/source"] : undefined))
  .filter((path): path is string => path !== undefined)
  .map((path) => resolve(root, path));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test(-d)?\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

// Every relative import or re-export, `import type` included: a type-only cycle still ties modules together.
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["'](\.[^"']+)["']/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const targets = [...text.matchAll(IMPORT)].map((match) => {
    const target = resolve(dirname(file), match[1] as string);
    return target.endsWith(".ts") ? target : `${target}.ts`;
  });
  return [...new Set(targets)];
}

describe("package layout", () => {
  const files = sources(src);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it("src/ holds exactly the entry files of the exports map", () => {
    const topLevel = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(src, entry.name));
    expect(topLevel.sort()).toEqual([...entries].sort());
    expect(entries.map((path) => relative(src, path)).sort()).toEqual([
      "hono.ts",
      "index.ts",
      "next.ts",
      "node.ts",
      "redis.ts",
    ]);
  });

  it("no module under _internal/ imports an entry file", () => {
    const offending = [...graph]
      .filter(([file]) => file.includes(`${join("src", "_internal")}`))
      .flatMap(([file, targets]) => targets.filter((t) => entries.includes(t)).map((t) => `${file} → ${t}`));
    expect(offending).toEqual([]);
  });

  it("every relative import resolves to a file in src/", () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => !graph.has(t)).map((t) => `${file} → ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it("has no import cycles, type-only imports included", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const walk = (file: string, path: string[]) => {
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === "open") {
          cycles.push([...path.slice(path.indexOf(target)), target].map((p) => relative(src, p)).join(" → "));
        } else if (!state.has(target)) walk(target, [...path, target]);
      }
      state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) walk(file, [file]);
    expect(cycles).toEqual([]);
  });

  it("uses big.js only through _internal/decimal.ts", () => {
    const users = files.filter((file) => /from\s+["']big\.js["']/.test(readFileSync(file, "utf8")));
    expect(users.map((file) => relative(src, file))).toEqual([join("_internal", "decimal.ts")]);
  });

  it("gives no two modules a top-level function or constant of the same name (twins that drift apart)", () => {
    // The same factory name on every subpath is the design; `fail` is each factory's own optionFailure(…).
    const allowed = new Set(["createCredytProxy", "fail"]);
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
