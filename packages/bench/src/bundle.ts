import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { here } from "./_process";
import type { Section } from "./report";

interface Size {
  min: number;
  gzip: number;
  brotli: number;
}

const tmp = path.join(here, "..", ".tmp", "bundle");

// Each case is what an app writes; esbuild bundles it like an app's bundler would (react external,
// everything else included, code splitting on so lazy chunks stay separate).
const CASES: { name: string; code: string; floor?: boolean }[] = [
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

const add = (a: Size, b: Size): Size => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const kb = (n: number) => (n / 1024).toFixed(2);

/** The JS an app loads up front (entry + static imports) and what it loads lazily (dynamic imports). */
function split(metafile: Metafile, outdir: string, entryOut: string) {
  const initial = new Set<string>();
  const lazy = new Set<string>();
  const walk = (file: string, into: Set<string>) => {
    if (into.has(file) || initial.has(file)) return;
    into.add(file);
    for (const imp of metafile.outputs[file]?.imports ?? []) {
      if (imp.external) continue;
      if (imp.kind === "dynamic-import") walk(imp.path, lazy);
      else walk(imp.path, into);
    }
  };
  walk(entryOut, initial);
  for (const f of initial) lazy.delete(f);
  const measure = (files: Set<string>) =>
    [...files].reduce<Size>((s, f) => add(s, sizes(readFileSync(path.resolve(outdir, "..", "..", f)))), {
      min: 0,
      gzip: 0,
      brotli: 0,
    });
  return { initial: measure(initial), lazy: measure(lazy) };
}

export async function bundleSection(): Promise<Section> {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const results: { name: string; floor: boolean; initial: Size; lazy: Size }[] = [];
  for (const [i, c] of CASES.entries()) {
    const entry = path.join(tmp, `case-${i}.js`);
    writeFileSync(entry, c.code);
    const outdir = path.join(tmp, `out-${i}`);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2020",
      outdir,
      metafile: true,
      write: true,
      logLevel: "error",
      absWorkingDir: path.join(here, ".."),
      define: { "process.env.NODE_ENV": '"production"' },
      external: ["react", "react-dom", "react/jsx-runtime", "react-dom/client", "react/*", "react-dom/*"],
    });
    const entryOut = Object.keys(result.metafile.outputs).find((f) => result.metafile.outputs[f]?.entryPoint);
    if (!entryOut) throw new Error(`bundle: no entry output for ${c.name}`);
    results.push({ name: c.name, floor: Boolean(c.floor), ...split(result.metafile, outdir, entryOut) });
  }
  const swrFloor = results.find((r) => r.name === "floor: swr alone")!;
  const depFloor = results.find((r) => r.name.startsWith("floor: swr + clsx"))!;
  const all = results[0]!;
  const wallet = results[1]!;
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
      "esbuild, minified, ESM, code splitting, react/react-dom external, every other dependency included (swr, clsx, Radix, @credyt/core). " +
      "Initial = entry + static imports; lazy = chunks loaded on demand (the top-up dialog). KB = 1024 bytes.",
    columns: ["case", "min KB", "min+gzip KB", "min+brotli KB", "lazy chunk", "vs floor"],
    rows,
    goals: [
      {
        name: "all three components, initial",
        value: `${kb(all.initial.gzip)} KB gz`,
        target: "≤ 12 KB (size-limit enforces)",
        met: all.initial.gzip <= 12 * 1024,
      },
      {
        name: "<WalletBalance> alone",
        value: `${kb(wallet.initial.gzip)} KB gz`,
        target: "≤ 8 KB (size-limit enforces)",
        met: wallet.initial.gzip <= 8 * 1024,
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
