import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { here } from "./_process";
import type { Section } from "./report";

interface Size {
  min: number;
  gzip: number;
  brotli: number;
}

// esbuild's metafile paths are relative to its working directory.
const workDir = path.join(here, "..");
const tmp = path.join(workDir, ".tmp", "bundle");

// Each case is what an app writes; esbuild bundles it like an app's bundler would (react external,
// everything else included). The dialog's dynamic import stays a separate chunk the browser fetches
// on first open; it is measured on its own, without what the page already loaded.
// Packages an app may already ship: "own code" leaves them out, as an app that has them pays only the rest.
const SHARED = ["swr", "swr/*", "clsx", "@radix-ui/*"];
const ALL = `export { CredytProvider, WalletBalance, TopUpButton, BillingPortalLink } from "@credyt/react";`;

const CASES: { name: string; code: string; floor?: boolean; external?: string[] }[] = [
  {
    name: "all three components + provider",
    code: `import { CredytProvider, WalletBalance, TopUpButton, BillingPortalLink } from "@credyt/react"; export { CredytProvider, WalletBalance, TopUpButton, BillingPortalLink };`,
  },
  { name: "<WalletBalance> + provider", code: `export { CredytProvider, WalletBalance } from "@credyt/react";` },
  { name: "<TopUpButton> + provider", code: `export { CredytProvider, TopUpButton } from "@credyt/react";` },
  {
    name: "<BillingPortalLink> + provider",
    code: `export { CredytProvider, BillingPortalLink } from "@credyt/react";`,
  },
  // Issue 15: each usage component's own cost (the chart's drawing code is a lazy chunk, like the dialog).
  { name: "<UsageHistory> + provider", code: `export { CredytProvider, UsageHistory } from "@credyt/react";` },
  { name: "<SpendSummary> + provider", code: `export { CredytProvider, SpendSummary } from "@credyt/react";` },
  { name: "<SpendChart> + provider", code: `export { CredytProvider, SpendChart } from "@credyt/react";` },
  {
    name: "<LowBalanceNotice> + provider",
    code: `export { CredytProvider, LowBalanceNotice } from "@credyt/react";`,
  },
  { name: "all three, app already ships swr", code: ALL, external: ["swr", "swr/*"] },
  { name: "own code: all three without swr, clsx, Radix", code: ALL, external: SHARED },
  { name: "floor: swr alone", code: `export { default as useSWR } from "swr";`, floor: true },
  {
    name: "floor: swr + clsx + Radix Dialog",
    code: `export { default as useSWR } from "swr"; export { clsx } from "clsx"; export * as Dialog from "@radix-ui/react-dialog";`,
    floor: true,
  },
];

function sizes(bytes: Buffer): Size {
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const ZERO: Size = { min: 0, gzip: 0, brotli: 0 };
const kb = (n: number) => (n / 1024).toFixed(2);

/** Keeps a lazily imported chunk out of the initial bundle, as the browser would fetch it on demand. */
const lazyExternal: Plugin = {
  name: "lazy-dialog-external",
  setup(b) {
    b.onResolve({ filter: /(top-up-dialog|spend-chart-view|wallet-subscription)-[\w-]+\.js$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

const BASE = {
  bundle: true,
  minify: true,
  format: "esm" as const,
  platform: "browser" as const,
  target: "es2020",
  write: false,
  logLevel: "error" as const,
  absWorkingDir: workDir,
  define: { "process.env.NODE_ENV": '"production"' },
  external: ["react", "react-dom", "react/jsx-runtime", "react-dom/client", "react/*", "react-dom/*"],
};

/** The built lazy dialog chunk alone, without what the page already has (React, @credyt/core, shared chunks). */
async function lazyDialog(name = "top-up-dialog"): Promise<Size> {
  const dist = path.join(workDir, "node_modules/@credyt/react/dist");
  const file = readdirSync(dist).find((f) => f.startsWith(`${name}-`) && /^[\w-]+\.js$/.test(f));
  if (!file) throw new Error(`bundle: no ${name} chunk in @credyt/react/dist (build it first)`);
  const result = await build({
    ...BASE,
    entryPoints: [path.join(dist, file)],
    external: [...BASE.external, "@credyt/core", "./chunk-*"],
  });
  return sizes(Buffer.from(result.outputFiles![0]!.contents));
}

export async function bundleSection(): Promise<Section> {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const results: { name: string; floor: boolean; initial: Size; lazy: Size }[] = [];
  const dialog = await lazyDialog();
  const chart = await lazyDialog("spend-chart-view");
  for (const [i, c] of CASES.entries()) {
    const entry = path.join(tmp, `case-${i}.js`);
    writeFileSync(entry, c.code);
    const external = [...BASE.external, ...(c.external ?? [])];
    const result = await build({ ...BASE, external, entryPoints: [entry], plugins: [lazyExternal] });
    const initial = sizes(Buffer.from(result.outputFiles![0]!.contents));
    const text = result.outputFiles![0]!.text;
    // The notice renders a <TopUpButton>, so it reaches the dialog; the chart reaches its own chunk.
    const lazy = text.includes("spend-chart-view-") ? chart : text.includes("top-up-dialog-") ? dialog : ZERO;
    results.push({ name: c.name, floor: Boolean(c.floor), initial, lazy });
  }
  const swrFloor = results.find((r) => r.name === "floor: swr alone")!;
  const depFloor = results.find((r) => r.name.startsWith("floor: swr + clsx"))!;
  const all = results[0]!;
  const wallet = results[1]!;
  const own = results.find((r) => r.name.startsWith("own code"))!;
  const rows = results.map((r) => [
    r.name,
    kb(r.initial.min),
    kb(r.initial.gzip),
    kb(r.initial.brotli),
    r.lazy.min ? `${kb(r.lazy.gzip)} gz` : "",
    r.floor ? "" : `${(r.initial.gzip / swrFloor.initial.gzip).toFixed(2)}× swr`,
  ]);
  return {
    title: "Bundle: what an app pays for @credyt/react",
    intro:
      "esbuild, minified, ESM, react/react-dom external, every other dependency included (@credyt/core, swr, clsx, Radix Slot; Radix Dialog in the lazy chunk), except where a row says what the app already ships. The floors are built the same way. " +
      "Initial = what the page loads up front; lazy = the top-up dialog chunk fetched on first open (Radix Dialog and the form; a page with the low-balance notice reaches it through its top-up button), or the spend chart's drawing code fetched on first render, measured without React, @credyt/core and the shared chunks the page already has. " +
      "KB = 1024 bytes here; size-limit (which enforces the budgets in `pnpm test`) counts 1000-byte kB.",
    columns: ["case", "min KB", "min+gzip KB", "min+brotli KB", "lazy chunk", "vs floor"],
    rows,
    goals: [
      {
        name: "all three components + provider, initial",
        value: `${kb(all.initial.gzip)} KB gz`,
        target: "≤ 15 KB (issue 12)",
        met: all.initial.gzip <= 15 * 1000,
      },
      {
        name: "<WalletBalance> + provider",
        value: `${kb(wallet.initial.gzip)} KB gz`,
        target: "≤ 11.5 KB (issue 12)",
        met: wallet.initial.gzip <= 11.5 * 1000,
      },
      {
        // 8.91 kB on the hand-written store, the last build before SWR, measured by size-limit (level-9
        // gzip here reads about 0.4 kB more for the same code; size-limit's own-code check enforces it).
        name: "own code (without swr, clsx, Radix) does not grow",
        value: `${(own.initial.gzip / 1000).toFixed(2)} kB gz`,
        target: "≤ 8.91 kB, the hand-written store's",
        met: own.initial.gzip <= 8910,
      },
      {
        name: "all three vs swr + clsx + Radix Dialog floor",
        value: `${(all.initial.gzip / depFloor.initial.gzip).toFixed(2)}×`,
        target: "< 1× (dialog deferred)",
        met: all.initial.gzip < depFloor.initial.gzip,
      },
    ],
    data: results,
  };
}
