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

/** Where a declaration lives: our own source (`@credyt/react`, `@credyt/core`), or someone else's. */
const ownSource = (fileName: string) =>
  /\/packages\/(react|core)\/src\//.test(fileName) && !fileName.includes("node_modules");

/**
 * The named types of our own that the public signatures reach (props, parameters, results, fields,
 * type arguments such as `SWRResponse<Wallet, CredytError>`), walked from every export of both entries,
 * and the names both entries export.
 */
function publicSurface(p: ts.Program): {
  reached: Map<string, Set<string>>;
  exported: Set<string>;
  types: Set<string>;
} {
  const checker = p.getTypeChecker();
  const reached = new Map<string, Set<string>>(); // type name -> the exports it is reached from
  const exported = new Set<string>();
  const types = new Set<string>();
  let seen = new Set<ts.Type>();
  const named = (t: ts.Type): ts.Symbol | undefined => t.aliasSymbol ?? t.getSymbol();
  const isOwn = (symbol: ts.Symbol | undefined) =>
    symbol?.declarations?.some((d) => ownSource(d.getSourceFile().fileName)) === true;
  const TYPES = ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class | ts.SymbolFlags.Enum;
  const record = (symbol: ts.Symbol, from: string) => {
    const known = reached.get(symbol.name);
    reached.set(symbol.name, (known ?? new Set()).add(from));
    // What the declaration writes, which the checker may flatten: `"root" | TopUpDialogPart`, `code: CredytErrorCode`.
    if (!known?.has(from))
      for (const d of symbol.declarations ?? []) if (ts.isTypeAliasDeclaration(d)) scan(d.type, from);
  };
  // Type nodes only (annotations, alias bodies), never implementations.
  const scan = (node: ts.Node | undefined, from: string): void => {
    if (!node) return;
    if (ts.isTypeReferenceNode(node)) {
      const at = checker.getSymbolAtLocation(node.typeName);
      const symbol = at && at.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(at) : at;
      if (symbol && symbol.flags & TYPES && isOwn(symbol)) record(symbol, from);
    }
    ts.forEachChild(node, (child) => scan(child, from));
  };
  const annotation = (symbol: ts.Symbol) => {
    const d = symbol.declarations?.[0];
    return d && (ts.isPropertySignature(d) || ts.isPropertyDeclaration(d) || ts.isParameter(d)) ? d.type : undefined;
  };
  const walk = (t: ts.Type, from: string): void => {
    if (seen.has(t)) return;
    seen.add(t);
    const symbol = named(t);
    const own = isOwn(symbol);
    if (own && symbol && symbol.flags & TYPES) record(symbol, from);
    for (const arg of t.aliasTypeArguments ?? []) walk(arg, from);
    if (t.flags & ts.TypeFlags.Object && (t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
      for (const arg of checker.getTypeArguments(t as ts.TypeReference)) walk(arg, from);
    }
    if (t.isUnionOrIntersection()) for (const member of t.types) walk(member, from);
    // Someone else's type (React's, SWR's): only its type arguments are ours to check, not its members.
    if (
      symbol &&
      !own &&
      !(t.flags & ts.TypeFlags.Object && (t as ts.ObjectType).objectFlags & ts.ObjectFlags.Anonymous)
    )
      return;
    for (const signature of [...t.getCallSignatures(), ...t.getConstructSignatures()]) {
      for (const parameter of signature.getParameters()) {
        walk(checker.getTypeOfSymbol(parameter), from);
        scan(annotation(parameter), from);
      }
      walk(signature.getReturnType(), from);
    }
    if (!(t.flags & ts.TypeFlags.Object)) return;
    if ((t as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface) {
      for (const base of checker.getBaseTypes(t as ts.InterfaceType)) walk(base, from);
    }
    for (const property of checker.getPropertiesOfType(t)) {
      const declaration = property.declarations?.[0];
      if (!declaration || !ownSource(declaration.getSourceFile().fileName)) continue;
      walk(checker.getTypeOfSymbol(property), from);
      scan(annotation(property), from);
    }
  };
  for (const entry of entries) {
    const source = p.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read ${entry}`);
    for (const item of checker.getExportsOfModule(moduleSymbol)) {
      exported.add(item.name);
      seen = new Set();
      const symbol = item.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(item) : item;
      if (symbol.flags & ts.SymbolFlags.Value) walk(checker.getTypeOfSymbol(symbol), item.name);
      if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class)) {
        types.add(item.name);
        walk(checker.getDeclaredTypeOfSymbol(symbol), item.name);
      }
    }
  }
  return { reached, exported, types };
}

/**
 * Exported types no public signature uses, each with its reason: the vocabulary of `data-state` and of
 * errors, which apps write in their own code and CSS.
 */
const STANDALONE_TYPES: Record<string, string> = {
  WalletBalanceState: "the root's `data-state` values, for CSS and tests",
  TopUpButtonState: "the button's `data-state` values",
  BillingPortalLinkState: "the link's `data-state` values",
  LowBalanceNoticeState: "the notice's `data-state` values",
  UsageHistoryState: "the history's `data-state` values",
  SpendSummaryState: "the summary's `data-state` values",
  SpendChartState: "the chart's `data-state` values",
};

describe("docs", () => {
  const p = program();

  it("documents every export of both entries, and every field of exported interfaces", () => {
    expect(undocumented(p)).toEqual([]);
  }, 60_000);

  it("exports every type a public signature uses, and no type nothing public uses", () => {
    const { reached, exported, types } = publicSurface(p);
    const missing = [...reached]
      .filter(([name]) => !exported.has(name))
      .map(([name, from]) => `${name} (used by ${[...from].join(", ")})`);
    // A type reached only from itself is not used by anything else.
    const reachedByOthers = new Set(
      [...reached].filter(([name, from]) => [...from].some((f) => f !== name)).map(([name]) => name),
    );
    const unused = [...types].filter(
      (name) => !reachedByOthers.has(name) && !(name in STANDALONE_TYPES) && !/Props$/.test(name),
    );
    expect({ missing: missing.sort(), unused: unused.sort() }).toEqual({ missing: [], unused: [] });
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
