// The docs are part of the API (issue 23): every export documented, every field of an exported
// interface documented, and every prop of every component in the README.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The package's folder (vitest sets __dirname; under jsdom `import.meta.url` is not a file URL).
const root = join(__dirname, "..");
const file = (path: string) => join(root, path);
const entries = ["src/index.ts", "src/testing/index.ts"].map(file);

function program() {
  return ts.createProgram(entries, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    jsx: ts.JsxEmit.ReactJSX,
    customConditions: ["@credyt/source"],
    skipLibCheck: true,
    noEmit: true,
  });
}

/** Exported symbols without JSDoc, and `Interface.field`s without it (our own fields only, not React's). */
function undocumented(p: ts.Program): string[] {
  const checker = p.getTypeChecker();
  const missing = new Set<string>();
  const hasDoc = (symbol: ts.Symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== "";
  const ours = (declaration: ts.Declaration | undefined) =>
    declaration !== undefined && !declaration.getSourceFile().fileName.includes("node_modules");
  for (const entry of entries) {
    const source = p.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read ${entry}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!hasDoc(symbol)) missing.add(symbol.name);
      if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) continue;
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      for (const member of checker.getPropertiesOfType(type)) {
        if (!ours(member.declarations?.[0])) continue;
        if (member.name.startsWith("#") || member.name.startsWith("__#")) continue;
        if (!hasDoc(member)) missing.add(`${symbol.name}.${member.name}`);
      }
    }
  }
  return [...missing].sort();
}

/** Every prop a component declares itself (not the DOM's), per `<Name>Props` interface of the main entry. */
function componentProps(p: ts.Program): Map<string, string[]> {
  const checker = p.getTypeChecker();
  const source = p.getSourceFile(entries[0] as string);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error("cannot read src/index.ts");
  const props = new Map<string, string[]>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const match = /^(\w+)Props$/.exec(exported.name);
    if (!match || match[1] === "CredytProvider") continue;
    const symbol = checker.getAliasedSymbol(exported);
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const names = checker
      .getPropertiesOfType(type)
      .filter((m) => {
        const declaration = m.declarations?.[0];
        return declaration !== undefined && !declaration.getSourceFile().fileName.includes("node_modules");
      })
      .map((m) => m.name);
    props.set(match[1] as string, names);
  }
  return props;
}

describe("docs", () => {
  const p = program();

  it("documents every export of both entries, and every field of exported interfaces", () => {
    expect(undocumented(p)).toEqual([]);
  }, 60_000);

  it("lists every prop of every component, and of the provider, in the README", () => {
    const readme = readFileSync(file("README.md"), "utf8");
    const missing: string[] = [];
    for (const [component, names] of componentProps(p)) {
      // A section of its own, or a bullet of "Usage, spend and low balance".
      const heading = readme.indexOf(`### \`<${component}>\``);
      const bullet = readme.indexOf(`- \`<${component}>\`:`);
      if (heading < 0 && bullet < 0) {
        missing.push(`<${component}> (no section)`);
        continue;
      }
      const start = heading >= 0 ? heading : bullet;
      const end = heading >= 0 ? readme.indexOf("\n## ", start + 1) : readme.indexOf("\n- ", start + 1);
      const section = readme.slice(start, end < 0 ? undefined : end);
      for (const name of names) if (!section.includes(`\`${name}\``)) missing.push(`<${component}> ${name}`);
    }
    const types = readFileSync(file("src/_internal/provider.tsx"), "utf8");
    const body = /export interface CredytProviderProps \{([\s\S]*?)\n\}/.exec(types)?.[1] ?? "";
    const provider = readme.slice(readme.indexOf("## `<CredytProvider>`"), readme.indexOf("## Components"));
    for (const [, name] of body.matchAll(/^ {2}(\w+)\??:/gm)) {
      if (name !== "children" && !provider.includes(`| \`${name}\``)) missing.push(`<CredytProvider> ${name}`);
    }
    expect(missing).toEqual([]);
  });
});
