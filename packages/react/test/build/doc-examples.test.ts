// Every documented example type-checks (issue 23): each ```ts / ```tsx block of the README, of the
// component docs pages (`src/_internal/*.mdx`) and of Storybook's introduction is compiled by
// TypeScript, strict, against the *built* typings (`dist/*.d.ts`, through the `exports` map, as an app
// resolves them). Run after `vite build` (the package's `test` script builds first).
//
// The rules a block is read with:
// - A block with `import`s is a module of its own and must import everything it uses.
// - A block without any `import` is a snippet: it sees every export of `@credyt/react` and React's hooks.
// - Names that stand for the reader's own code (`auth()`, a router, a prefetched `wallet`) are declared
//   once below, in `READER`; `@/lib/credyt` is the README's own `lib/credyt.ts` block.
// - A block that cannot be a program (a diff, a shape) opts out with the comment `// not checked` on its
//   first line. Keep those few.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.join(__dirname, "..", "..");
const repo = path.join(root, "..", "..");
const sources = [
  path.join(root, "README.md"),
  ...readdirSync(path.join(root, "src/_internal"))
    .filter((f) => f.endsWith(".mdx"))
    .map((f) => path.join(root, "src/_internal", f)),
  path.join(repo, ".storybook/introduction.mdx"),
];

interface Block {
  source: string;
  line: number;
  file: string;
  text: string;
  prefixLines: number;
}

const READER = `
/** Your router (Next.js \`useRouter()\`, React Router's \`navigate\`…). */
declare const router: { push(url: string): void };
/** A wallet your server fetched (\`credyt.api.getWallet(customerId)\`). */
declare const wallet: import("@credyt/react").Wallet;
/** Your session: who is signed in. */
declare function currentCustomerId(): Promise<string>;
/** Your error reporting. */
declare function report(error: unknown): void;
`;
const AUTH = "export declare function auth(): Promise<{ id: string; email: string } | null>;\n";

const SNIPPET_IMPORTS = (names: string[]) =>
  `import { ${names.join(", ")} } from "@credyt/react"; import { useCallback, useEffect, useMemo, useRef, useState } from "react";\n`;

function blocks(exportsOfReact: string[]): Block[] {
  const out: Block[] = [];
  for (const source of sources) {
    const text = readFileSync(source, "utf8");
    for (const match of text.matchAll(/^```(tsx?)\n([\s\S]*?)^```/gm)) {
      const [, lang, body = ""] = match;
      if (body.split("\n")[0]?.trim() === "// not checked") continue;
      const line = text.slice(0, match.index).split("\n").length + 1;
      const name = `${path.relative(repo, source).replace(/[^\w]+/g, "_")}_${line}`;
      const file = path.join(root, `__doc_example_${name}.${lang}`);
      const isModule = /^\s*import\s/m.test(body);
      const prefix = isModule ? "" : SNIPPET_IMPORTS(exportsOfReact);
      // A bare snippet still needs to be a module (top-level await, its own scope).
      out.push({ source, line, file, text: `${prefix}${body}\nexport {};\n`, prefixLines: isModule ? 0 : 1 });
    }
  }
  return out;
}

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: ["node"],
  skipLibCheck: true,
  isolatedModules: true,
  // No `@credyt/source` condition: `@credyt/react` resolves to dist/*.d.ts, as in an app.
};

/** The names `@credyt/react`'s built typings export. */
function builtExports(): string[] {
  const index = path.join(root, "dist/index.d.ts");
  const program = ts.createProgram([index], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(index);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error("cannot read dist/index.d.ts");
  return checker.getExportsOfModule(symbol).map((s) => s.name);
}

describe("documented examples", () => {
  it("are all found, and the built typings exist", () => {
    expect(existsSync(path.join(root, "dist/index.d.ts")), "run `vite build` first").toBe(true);
    const vite = path.join(repo, "packages/vite/dist/index.d.ts");
    expect(existsSync(vite), "the Vite quick start needs @credyt/vite built: pnpm exec turbo run build").toBe(true);
    expect(blocks([]).length).toBeGreaterThanOrEqual(25);
  });

  it("type-check with strict tsc against the built typings", () => {
    const all = blocks(builtExports());
    const byFile = new Map(all.map((b) => [b.file, b]));
    const virtual = new Map<string, string>(all.map((b) => [b.file, b.text]));
    const reader = path.join(root, "__doc_example_reader.d.ts");
    const auth = path.join(root, "__doc_example_auth.ts");
    virtual.set(reader, READER);
    virtual.set(auth, AUTH);
    const libCredyt = all.find((b) => b.text.includes("export const credyt = createCredyt("));
    if (!libCredyt) throw new Error("the README's lib/credyt.ts block is gone");

    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => virtual.has(f) || fileExists(f);
    host.readFile = (f) => virtual.get(f) ?? readFile(f);
    host.getSourceFile = (f, lang, ...rest) => {
      const text = virtual.get(f);
      return text === undefined ? getSourceFile(f, lang, ...rest) : ts.createSourceFile(f, text, lang, true);
    };
    // The reader's own modules, and the Vite quick start's plugin (the README shows @credyt/vite's setup:
    // it resolves from that package, which has vite and @vitejs/plugin-react).
    const own: Record<string, string> = { "@/lib/credyt": libCredyt.file, "@/lib/auth": auth };
    const viteDir = path.join(repo, "packages/vite/vite.config.ts");
    // The Next recipe's `next/server` resolves from the workspace's Next example app, which has Next.
    const nextDir = path.join(repo, "apps/next-example/next.config.ts");
    host.resolveModuleNameLiterals = (literals, containingFile, _ref, opts) =>
      literals.map((literal) => {
        const name = literal.text;
        const mapped = own[name];
        if (mapped)
          return { resolvedModule: { resolvedFileName: mapped, extension: path.extname(mapped) as ts.Extension } };
        const found = ts.resolveModuleName(name, containingFile, opts, host);
        if (found.resolvedModule) return found;
        if (/^next(\/|$)/.test(name)) return ts.resolveModuleName(name, nextDir, opts, host);
        if (!/^(@credyt\/vite|@vitejs\/plugin-react|vite)(\/|$)/.test(name)) return found;
        return ts.resolveModuleName(name, viteDir, opts, host);
      });

    const program = ts.createProgram([reader, auth, ...all.map((b) => b.file)], options, host);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && (byFile.has(d.file.fileName) || virtual.has(d.file.fileName)))
      .map((d) => {
        const block = d.file ? byFile.get(d.file.fileName) : undefined;
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
        const where = block
          ? `${path.relative(repo, block.source)}:${block.line + at - block.prefixLines}`
          : d.file?.fileName;
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    // Not one frame of doubt: the problems are listed with the line of the Markdown file they are on.
    expect(problems).toEqual([]);
  }, 120_000);
});
