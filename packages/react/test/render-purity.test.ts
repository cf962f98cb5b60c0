// Issue 23: no ref written during render (unsafe under concurrent rendering: a render may be thrown
// away, its write not), and no memoisation on `JSON.stringify` (key order, `undefined` and functions
// make it wrong; `useStable`'s `equal` compares by value). A static check of every module of the
// package, so a new component cannot bring either back.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const src = join(__dirname, "..", "src");
const modules = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|stories|test-d)\.|\.server\.test\./.test(entry.name) ? [path] : [];
  });

/** A component or hook body: `function useX() {}`, `function X() {}`, or the function given to `forwardRef`. */
function isRenderFunction(node: ts.Node): boolean {
  if (ts.isFunctionDeclaration(node)) return /^(use[A-Z]|[A-Z])/.test(node.name?.text ?? "");
  if (!ts.isFunctionExpression(node) && !ts.isArrowFunction(node)) return false;
  const call = node.parent;
  if (!ts.isCallExpression(call)) {
    // `const X = () => …` / `const useX = function () …` at the top of a module.
    const declaration = ts.isVariableDeclaration(call) ? call : undefined;
    return (
      declaration !== undefined && ts.isIdentifier(declaration.name) && /^(use[A-Z]|[A-Z])/.test(declaration.name.text)
    );
  }
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
  return name === "forwardRef" || name === "memo";
}

/** `x.current = …` (or `??=`, `+=`…) whose nearest enclosing function is a render function. */
function renderWrites(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.name.text === "current"
    ) {
      let scope: ts.Node | undefined = node.parent;
      while (scope && !ts.isFunctionLike(scope)) scope = scope.parent;
      if (scope && isRenderFunction(scope)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${relative(src, file)}:${line}: ${node.getText()}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("render purity", () => {
  const files = modules(src);

  it("finds the modules", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it("writes no ref during render", () => {
    expect(files.flatMap((file) => renderWrites(file))).toEqual([]);
  });

  it("finds a ref written during render (the check itself works)", () => {
    const text = [
      "function Bad() { const r = useRef(0); r.current = 1; useEffect(() => { r.current = 2; }); }",
      "const Also = forwardRef(function Also(props, ref) { own.current ??= props; return null; });",
      "function useFine() { const r = useRef(0); useLayoutEffect(() => { r.current = 3; }); }",
    ].join("\n");
    expect(renderWrites(join(src, "probe.tsx"), text)).toEqual([
      "probe.tsx:1: r.current = 1",
      "probe.tsx:2: own.current ??= props",
    ]);
  });

  it("memoises nothing on JSON.stringify (only the return flow serialises, for sessionStorage)", () => {
    const uses = files
      .filter((file) => readFileSync(file, "utf8").includes("JSON.stringify("))
      .map((file) => relative(src, file));
    expect(uses).toEqual(["_internal/return-flow.ts"]);
  });
});
