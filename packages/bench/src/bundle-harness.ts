/**
 * The one bundle-size harness: `pnpm bench` (bundle section) and the CI budget check (`size-check.ts`, run by
 * `pnpm --filter @repo/bench test` and `pnpm --filter @credyt/react size`) both measure with it, so the README,
 * the bench and CI quote the same number.
 *
 * What an app writes is bundled the way an app's bundler would: esbuild, minified, ESM, browser, `production`,
 * react/react-dom external, every other dependency counted (@credyt/core, swr and its shim, clsx, Radix), the
 * built `@credyt/react` (dist) resolved through its package exports. Lazy chunks (the top-up dialog, the live
 * subscription, the spend chart's drawing code, the checkout-return flow) stay out of the initial JS and are measured on their own,
 * without what the page already loaded. Size = gzip level 9 of the minified output; KB = 1000 bytes.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
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
  /** The lazy chunk this case reaches on first use (dialog, chart), or zero. */
  lazy: Size;
  lazyName: string;
  /** Minified bytes per input module in the initial JS, largest first (what the path pulls in). */
  modules: { module: string; bytes: number }[];
}

// esbuild's metafile paths are relative to its working directory.
const workDir = path.join(here, "..");
const tmp = path.join(workDir, ".tmp", "bundle");
const LAZY = /(top-up-dialog|spend-chart-view|wallet-subscription|return-watch)-[\w-]+\.js$/;

const REACT = ["react", "react-dom", "react/jsx-runtime", "react-dom/client", "react/*", "react-dom/*"];

/** Keeps a lazily imported chunk out of the initial bundle, as the browser fetches it on demand. */
const lazyExternal: Plugin = {
  name: "lazy-chunks-external",
  setup(b) {
    b.onResolve({ filter: LAZY }, (args) => ({ path: args.path, external: true }));
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

function modulesOf(metafile: Metafile): { module: string; bytes: number }[] {
  const output = Object.values(metafile.outputs)[0];
  if (!output) return [];
  return Object.entries(output.inputs)
    .map(([input, v]) => ({ module: moduleName(input), bytes: v.bytesInOutput }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

const lazyCache = new Map<string, Size>();
/** A built lazy chunk alone, without what the page already has (React, @credyt/core, swr, clsx, shared chunks). */
async function lazyChunk(name: string): Promise<Size> {
  const cached = lazyCache.get(name);
  if (cached) return cached;
  const dist = path.join(workDir, "node_modules/@credyt/react/dist");
  const file = readdirSync(dist).find((f) => f.startsWith(`${name}-`) && /^[\w-]+\.js$/.test(f));
  if (!file) throw new Error(`bundle: no ${name} chunk in @credyt/react/dist (run \`pnpm build\` first)`);
  const result = await build({
    ...BASE,
    entryPoints: [path.join(dist, file)],
    external: [...REACT, "@credyt/core", "swr", "swr/*", "clsx", "./chunk-*"],
  });
  const measured = size(result.outputFiles![0]!.contents);
  lazyCache.set(name, measured);
  return measured;
}

let counter = 0;
/**
 * Bundles `code` as an app's entry file and measures it; `external` adds what the app already ships.
 * `source: true` resolves @credyt/* to their TypeScript source instead of dist, for a per-module breakdown
 * (dist is already bundled into chunks); budgets are always measured on dist, as an app installs it.
 */
export async function measure(code: string, external: string[] = [], source = false): Promise<Measured> {
  mkdirSync(tmp, { recursive: true });
  const entry = path.join(tmp, `case-${process.pid}-${counter++}.js`);
  writeFileSync(entry, code);
  const result = await build({
    ...BASE,
    entryPoints: [entry],
    external: [...REACT, ...external],
    plugins: [lazyExternal],
    ...(source ? { conditions: ["@credyt/source"] } : {}),
  });
  const text = result.outputFiles![0]!.text;
  // Which lazy chunk the case reaches (the notice renders a <TopUpButton>, so it reaches the dialog).
  const lazyName = text.includes("spend-chart-view-")
    ? "spend-chart-view"
    : text.includes("top-up-dialog-")
      ? "top-up-dialog"
      : "";
  return {
    initial: size(result.outputFiles![0]!.contents),
    lazy: lazyName ? await lazyChunk(lazyName) : { min: 0, gzip: 0 },
    lazyName,
    modules: modulesOf(result.metafile!),
  };
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

/** The lazy chunks on their own (without React, @credyt/core, swr, clsx and the shared chunks). */
export async function lazyChunks(): Promise<{ name: string; size: Size }[]> {
  const names = ["top-up-dialog", "wallet-subscription", "spend-chart-view", "return-watch"];
  return Promise.all(names.map(async (name) => ({ name, size: await lazyChunk(name) })));
}
