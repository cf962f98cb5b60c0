/**
 * The one bundle-size harness: `pnpm bench` (bundle section) and the CI budget check (`size-check.ts`, run by
 * `pnpm --filter @repo/bench test` and `pnpm --filter @credyt/react size`) both measure with it, so the README,
 * the bench and CI quote the same number.
 *
 * What an app writes is bundled the way an app's bundler would: esbuild, minified, ESM, browser, `production`,
 * react/react-dom external, every other dependency counted (@credyt/core, swr and its shim, clsx, Radix), the
 * built `@credyt/react` (dist) resolved through its package exports. Initial = the entry with everything it
 * loads statically, tree-shaken. Every dynamic import left in that code (the top-up dialog, the live stream
 * and the subscription it loads, the spend chart's drawing code, the checkout-return flow) is a lazy chunk,
 * found in the output rather than listed by name, and measured as what it adds to the page: the entry bundled
 * again with the chunk's module made static, minus the entry alone (so code the page already has is not
 * counted twice, and code only the chunk needs, Radix Dialog for the dialog, is). Size = gzip level 9 of the
 * minified output; KB = 1000 bytes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";
import { here } from "./_process";

export interface Size {
  min: number;
  gzip: number;
}

export interface Measured {
  initial: Size;
  /** Every lazy chunk the case can reach, as what it adds to the initial JS, largest first. */
  lazy: { name: string; size: Size }[];
  /** Minified bytes per input module in the initial JS, largest first (what the path pulls in). */
  modules: { module: string; bytes: number }[];
}

// esbuild's metafile paths are relative to its working directory.
const workDir = path.join(here, "..");
const tmp = path.join(workDir, ".tmp", "bundle");

const REACT = ["react", "react-dom", "react/jsx-runtime", "react-dom/client", "react/*", "react-dom/*"];

/** Each lazy chunk's file, by the name its dynamic import keeps in the output (`./return-watch-DbrkMt4g.js`). */
const lazyFiles = new Map<string, string>();

/**
 * Leaves every dynamic import in the output as `./<file name>` (about what an app's bundler writes for a chunk
 * beside the entry), remembering the file, so the lazy chunks can be found and built.
 */
const lazyAsExternal: Plugin = {
  name: "lazy-chunks",
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== "dynamic-import" || args.pluginData === "inner") return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: "inner",
      });
      if (resolved.errors.length > 0) return undefined;
      const name = `./${path.basename(resolved.path).replace(/\.[cm]?[jt]sx?$/, "")}.js`;
      lazyFiles.set(name, resolved.path);
      return { path: name, external: true };
    });
  },
};

/**
 * React stays out of the count, but an app's bundler bundles it, and drops every name of it the page does not use.
 * As a plain external, each `import { … } from "react"` of a tree-shaken module would stay in the output (esbuild
 * cannot know an external module has no side effects), counting React names no code uses; so React is external
 * and side-effect free.
 */
const reactExternal: Plugin = {
  name: "react-external",
  setup(b) {
    b.onResolve({ filter: /^react(-dom)?(\/.*)?$/ }, (args) => ({
      path: args.path,
      external: true,
      sideEffects: false,
    }));
  },
};

const BASE = {
  bundle: true,
  minify: true,
  format: "esm" as const,
  platform: "browser" as const,
  // What Vite 8 builds for by default (baseline widely available) is about ES2022; no syntax is lowered.
  target: "es2022",
  write: false,
  metafile: true,
  logLevel: "error" as const,
  absWorkingDir: workDir,
  plugins: [reactExternal, lazyAsExternal],
  define: { "process.env.NODE_ENV": '"production"' },
};

export const kb = (bytes: number) => (bytes / 1000).toFixed(2);

function size(bytes: Uint8Array): Size {
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** "node_modules/.pnpm/swr@2.5.1…/node_modules/swr/dist/index.mjs" → "swr/dist/index.mjs"; ours → "react:provider". */
function moduleName(input: string): string {
  const ours = /(?:^|\/)(react|core)\/(dist|src)\/(.+)$/.exec(input);
  if (ours && !input.includes("node_modules/.pnpm")) return `@credyt/${ours[1]}/${ours[2]}/${ours[3]}`;
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+\/.*)$/.exec(input);
  return pkg ? (pkg[1] as string) : input;
}

/** A lazy chunk's name: its source or dist file without the extension and the build's content hash. */
function chunkName(file: string): string {
  return path
    .basename(file)
    .replace(/\.[cm]?[jt]sx?$/, "")
    .replace(/-[\w-]{8}$/, "");
}

function modulesOf(metafile: Metafile): { module: string; bytes: number }[] {
  const output = Object.values(metafile.outputs)[0];
  if (!output) return [];
  return Object.entries(output.inputs)
    .map(([input, v]) => ({ module: moduleName(input), bytes: v.bytesInOutput }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** The files of the dynamic imports left in a build's output. */
function dynamicImports(metafile: Metafile): string[] {
  const output = Object.values(metafile.outputs)[0];
  return (output?.imports ?? [])
    .filter((i) => i.kind === "dynamic-import" && lazyFiles.has(i.path))
    .map((i) => lazyFiles.get(i.path) as string);
}

let counter = 0;
async function bundle(code: string, external: string[], source: boolean) {
  mkdirSync(tmp, { recursive: true });
  const entry = path.join(tmp, `case-${process.pid}-${counter++}.js`);
  writeFileSync(entry, code);
  const result = await build({
    ...BASE,
    entryPoints: [entry],
    external: [...REACT, ...external],
    ...(source ? { conditions: ["@credyt/source"] } : {}),
  });
  return { bytes: result.outputFiles![0]!.contents, metafile: result.metafile! };
}

/**
 * Bundles `code` as an app's entry file and measures it; `external` adds what the app already ships.
 * `source: true` resolves @credyt/* to their TypeScript source instead of dist, for a per-module breakdown
 * (dist is already bundled into chunks); budgets are always measured on dist, as an app installs it.
 */
export async function measure(code: string, external: string[] = [], source = false): Promise<Measured> {
  const main = await bundle(code, external, source);
  const initial = size(main.bytes);
  const lazy: Measured["lazy"] = [];
  const queue = dynamicImports(main.metafile);
  const seen = new Set(queue);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    // The page plus the chunk's module loaded statically: what the chunk adds beyond what the page has.
    const withChunk = await bundle(`${code}\nexport * as lazyChunk from ${JSON.stringify(next)};`, external, source);
    const total = size(withChunk.bytes);
    lazy.push({ name: chunkName(next), size: { min: total.min - initial.min, gzip: total.gzip - initial.gzip } });
    for (const further of dynamicImports(withChunk.metafile)) {
      if (!seen.has(further)) {
        seen.add(further);
        queue.push(further);
      }
    }
  }
  return { initial, lazy: lazy.sort((a, b) => b.size.gzip - a.size.gzip), modules: modulesOf(main.metafile) };
}

/** The budgeted paths (issue 26): what a user writes, provider included, everything but React counted. */
export const BUDGETED = [
  {
    name: "provider + useWallet (headless)",
    code: `export { CredytProvider, useWallet } from "@credyt/react";`,
    target: 10,
  },
  {
    name: "provider + <WalletBalance>",
    code: `export { CredytProvider, WalletBalance } from "@credyt/react";`,
    target: 12,
  },
  {
    name: "provider + all three, initial",
    code: `export { CredytProvider, WalletBalance, TopUpButton, BillingPortalLink } from "@credyt/react";`,
    target: 15,
  },
] as const;

/** Floors and anchors, built by the same harness in the same run. */
export const FLOORS = [
  { name: "floor: swr alone", code: `export { default as useSWR } from "swr";` },
  {
    name: "floor: swr + clsx + Radix Dialog",
    code: `export { default as useSWR } from "swr"; export { clsx } from "clsx"; export * as Dialog from "@radix-ui/react-dialog";`,
  },
  {
    // Autumn's headless path: its provider and useCustomer (TanStack Query inside, counted as it ships).
    name: "anchor: Autumn provider + useCustomer (autumn-js 1.3.13)",
    code: `export { AutumnProvider, useCustomer } from "autumn-js/react";`,
  },
] as const;

/** Every other component's path, provider included (budgeted at today's size so nothing grows). */
export const OTHERS = [
  { name: "provider + <TopUpButton>", code: `export { CredytProvider, TopUpButton } from "@credyt/react";` },
  {
    name: "provider + <BillingPortalLink>",
    code: `export { CredytProvider, BillingPortalLink } from "@credyt/react";`,
  },
  { name: "provider + <UsageHistory>", code: `export { CredytProvider, UsageHistory } from "@credyt/react";` },
  { name: "provider + <SpendSummary>", code: `export { CredytProvider, SpendSummary } from "@credyt/react";` },
  { name: "provider + <SpendChart>, initial", code: `export { CredytProvider, SpendChart } from "@credyt/react";` },
  { name: "provider + <LowBalanceNotice>", code: `export { CredytProvider, LowBalanceNotice } from "@credyt/react";` },
] as const;

/**
 * Every lazy chunk across `cases`, each at its largest (the case where the page has the least of it already):
 * what first use costs at worst.
 */
export function lazyChunks(cases: Measured[]): { name: string; size: Size }[] {
  const worst = new Map<string, Size>();
  for (const c of cases) {
    for (const l of c.lazy) if ((worst.get(l.name)?.gzip ?? -1) < l.size.gzip) worst.set(l.name, l.size);
  }
  return [...worst].map(([name, s]) => ({ name, size: s })).sort((a, b) => a.name.localeCompare(b.name));
}
