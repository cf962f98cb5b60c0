// The docs are part of the API: every export documented, every option in the README's table, and the
// README saying what `allowedOrigins` really does.
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url);
const entries = [
  "src/index.ts",
  "src/index.node.ts",
  "src/node.ts",
  "src/next.ts",
  "src/next.node.ts",
  "src/hono.ts",
  "src/hono.node.ts",
  "src/redis.ts",
].map((entry) => new URL(entry, root).pathname);

function undocumented(): string[] {
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    customConditions: ["@credyt/source"],
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const missing = new Set<string>();
  const hasDoc = (symbol: ts.Symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== "";
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read ${entry}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!hasDoc(symbol)) missing.add(symbol.name);
      if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) continue;
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      for (const member of checker.getPropertiesOfType(type)) {
        const declaration = member.declarations?.[0];
        // Only our own members (not Node's or Hono's), and not private `#fields`.
        if (!declaration || declaration.getSourceFile().fileName.includes("node_modules")) continue;
        if (member.name.startsWith("#") || member.name.startsWith("__#")) continue;
        if (!hasDoc(member)) missing.add(`${symbol.name}.${member.name}`);
      }
    }
  }
  return [...missing].sort();
}

describe("docs", () => {
  it("documents every export of every entry, and every field of exported interfaces", () => {
    expect(undocumented()).toEqual([]);
  }, 60_000);

  it("lists every createCredyt option in the README's options table", () => {
    const types = readFileSync(new URL("src/_internal/types.ts", root), "utf8");
    const body = /export interface CredytOptions<Ctx> \{([\s\S]*?)\n\}/.exec(types)?.[1] ?? "";
    const options = [...body.matchAll(/^ {2}(\w+)\??[(:]/gm)].map((match) => match[1]);
    expect(options).toContain("origin");
    expect(options).toContain("identify");
    const readme = readFileSync(new URL("README.md", root), "utf8");
    const table = readme.slice(readme.indexOf("## Options"), readme.indexOf("## Security rules"));
    for (const option of options) expect(table).toContain(`| \`${option}`);
  });

  it("says allowedOrigins is an Origin/return-URL allowlist, not CORS (the proxy is mounted same-origin)", () => {
    const readme = readFileSync(new URL("README.md", root), "utf8");
    const types = readFileSync(new URL("src/_internal/types.ts", root), "utf8");
    for (const text of [readme, types]) {
      expect(text).not.toMatch(/allowed to call/i);
      expect(text).toMatch(/no[\s*]+CORS[\s*]+headers/);
    }
  });
});
