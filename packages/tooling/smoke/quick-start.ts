import { readFileSync } from "node:fs";
import path from "node:path";

/** The repository root. */
export const root = path.resolve(import.meta.dirname, "../../..");

/** The files of the quick start, as the root README shows them (`vite.config.ts`, `src/App.tsx`). */
export function quickStart(readmePath = path.join(root, "README.md")): { config: string; app: string } {
  const readme = readFileSync(readmePath, "utf8");
  const section = readme.slice(readme.indexOf("## Quick start"));
  const blocks = [...section.matchAll(/```(ts|tsx)\n([\s\S]*?)```/g)];
  const config = blocks.find((b) => b[1] === "ts" && b[2]?.includes("credyt()"))?.[2];
  const app = blocks.find((b) => b[1] === "tsx" && b[2]?.includes("<CredytProvider"))?.[2];
  if (!config || !app)
    throw new Error(`${readmePath}: the quick start needs a vite.config.ts block and an App.tsx block`);
  return { config, app };
}

/** What `npm create vite -- --template react-ts` starts from, trimmed to what the quick start edits. */
export const TEMPLATE = {
  config: `import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
});
`,
  app: `import "./App.css";

function App() {
  return (
    <>
      <h1>Vite + React</h1>
    </>
  );
}

export default App;
`,
};

/** Lines of `after` that are not in `before` (longest common subsequence), i.e. what a diff shows as added. */
export function addedLines(before: string, after: string): number {
  const a = before.split("\n");
  const b = after.split("\n");
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  return b.length - (lcs[0]?.[0] ?? 0);
}

/** Relative link targets in a Markdown file (`[x](target)`, `<a href="target">`), without anchors. */
export function relativeLinks(markdown: string): string[] {
  // Code is shown, not linked: drop fenced blocks and inline code spans first.
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  const targets = [
    ...[...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] as string),
    ...[...prose.matchAll(/href="([^"]+)"/g)].map((m) => m[1] as string),
    ...[...prose.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] as string),
  ];
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith("#")).map((t) => t.replace(/#.*$/, ""));
}

/** The fenced code blocks of a Markdown file whose first line is a `// <file>` comment, by that file name. */
export function namedBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of markdown.matchAll(/```(?:ts|tsx|js|mjs)\n\/\/ ([^\s:(]+)[^\n]*\n[\s\S]*?```/g)) {
    const body = (match[0] as string).replace(/^```\w+\n/, "").replace(/```$/, "");
    blocks.set(match[1] as string, body);
  }
  return blocks;
}

/**
 * The Credyt lines of an app's source, the measure issue 22 puts a ceiling on. The rule: blank lines and
 * comment-only lines never count; a line counts when, with comments stripped, it mentions "credyt" in any
 * case (imports from `@credyt/*`, `createCredyt(…)`, `credyt.api…`, `<CredytProvider>`), or uses a name
 * imported from an `@credyt/*` package (`<WalletBalance>`, `toNextRoute`, `createRedisStore`), or lies inside
 * brackets opened on a counted line (the lines of `createCredyt({ … })`'s options, `identify` and the
 * customer mapping included). The app's own lines around them (its routes, its auth, `<main>`) do not count.
 */
export function credytLines(source: string): string[] {
  const code = (line: string) =>
    line
      .replace(/\{\/\*.*?\*\/\}/g, "")
      .replace(/\/\*.*?\*\//g, "")
      .replace(/(^|[^:"'`])\/\/.*$/, "$1")
      .trim();
  const lines = source.split("\n");
  const imported = new Set<string>();
  for (const m of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+["']@credyt\/[^"']+["']/g)) {
    for (const name of (m[1] as string).split(",")) {
      const local = name
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.replace(/^type\s+/, "");
      if (local) imported.add(local);
    }
  }
  const usesImported = (text: string) =>
    [...imported].some((name) => new RegExp(`(^|[^\\w$])${name.replace(/\$/g, "\\$")}([^\\w$]|$)`).test(text));
  const counted: string[] = [];
  let depth = 0;
  for (const line of lines) {
    const text = code(line);
    if (text === "") continue;
    const opens = (text.match(/[({[]/g) ?? []).length - (text.match(/[)}\]]/g) ?? []).length;
    if (depth > 0 || /credyt/i.test(text) || usesImported(text)) {
      counted.push(line);
      depth = Math.max(0, depth + opens);
    }
  }
  return counted;
}
