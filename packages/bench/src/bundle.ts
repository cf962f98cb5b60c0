import { BUDGETED, FLOORS, kb, type Measured, measure, OTHERS } from "./bundle-harness";
import type { Section } from "./report";

// Packages an app may already ship: "own code" leaves them out, as an app that has them pays only the rest.
const SHARED = ["swr", "swr/*", "clsx", "@radix-ui/*"];

/**
 * The bundle section: the budgeted paths (issue 26), the other components, and the floors and anchors, all by
 * the one harness that also enforces the budgets in CI (bundle-harness.ts, size-check.ts).
 */
export async function bundleSection(): Promise<Section> {
  const results: { name: string; kind: "budget" | "other" | "floor" | "diagnostic"; m: Measured; target?: number }[] =
    [];
  for (const b of BUDGETED) results.push({ name: b.name, kind: "budget", m: await measure(b.code), target: b.target });
  for (const o of OTHERS) results.push({ name: o.name, kind: "other", m: await measure(o.code) });
  const headless = BUDGETED[0].code;
  results.push({
    name: "diagnostic: provider + useWallet, app already ships swr",
    kind: "diagnostic",
    m: await measure(headless, ["swr", "swr/*"]),
  });
  results.push({
    name: "diagnostic: own code of all three (without swr, clsx, Radix)",
    kind: "diagnostic",
    m: await measure(BUDGETED[2].code, SHARED),
  });
  // What @credyt/core's client costs whole, and as separate calls over a transport (issue 26: the headless path
  // needs only the transport and fetchWallet; the provider adopting them is the remaining step).
  results.push({
    name: "diagnostic: @credyt/core createCredytClient (every call)",
    kind: "diagnostic",
    m: await measure(`export { createCredytClient } from "@credyt/core";`),
  });
  results.push({
    name: "diagnostic: @credyt/core createCredytTransport + fetchWallet",
    kind: "diagnostic",
    m: await measure(`export { createCredytTransport, fetchWallet } from "@credyt/core";`),
  });
  for (const f of FLOORS) results.push({ name: f.name, kind: "floor", m: await measure(f.code) });

  const swr = results.find((r) => r.name === "floor: swr alone")!;
  const deps = results.find((r) => r.name.startsWith("floor: swr + clsx"))!;
  const autumn = results.find((r) => r.name.startsWith("anchor: Autumn"))!;
  const rows = results.map((r) => [
    r.name,
    kb(r.m.initial.min),
    kb(r.m.initial.gzip),
    r.m.lazy.map((l) => `${l.name} ${kb(l.size.gzip)}`).join(", "),
    r.kind === "floor" ? "" : `${(r.m.initial.gzip / swr.m.initial.gzip).toFixed(2)}× swr`,
    r.target === undefined ? "" : `≤ ${r.target}`,
  ]);
  // What the headless path pulls in, per source module (dist is already chunked, so this build reads source).
  const source = await measure(headless, [], true);
  const breakdown = source.modules.slice(0, 16).map((m) => `${m.module} ${(m.bytes / 1000).toFixed(1)}`);
  const [wallet, balance, all] = results;
  const goal = (r: typeof wallet) => ({
    name: r!.name,
    value: `${kb(r!.m.initial.gzip)} KB`,
    target: `≤ ${r!.target} KB (issue 26)`,
    met: r!.m.initial.gzip <= r!.target! * 1000,
  });
  return {
    title: "Bundle: what an app pays for @credyt/react",
    intro:
      "One harness for the bench and the CI budget check (packages/bench/src/bundle-harness.ts; `pnpm --filter @repo/bench test` fails when a path grows past its limit): " +
      "esbuild, minified, ESM, target ES2022, react/react-dom external, every other dependency counted (@credyt/core, swr with its shim and dequal, clsx, Radix), the provider always included, the built package resolved as an app installs it. " +
      "Initial = what the page loads up front (the entry and everything it imports statically, tree-shaken). The lazy column lists every dynamic import left in that code, found in the output (not by name): each is what it adds to the page (the entry bundled again with the chunk made static, minus the entry alone), fetched only on first use: the top-up dialog (with Radix Dialog) on hover, focus or click; the checkout code (top-up and portal calls, redirect policy) after a top-up or portal component mounts; the live stream and its subscription when a reader asks for `live`; the checkout-return flow when the URL carries the return marker; the spend chart's drawing code. " +
      "min+gzip = gzip level 9 of the minified output; KB = 1000 bytes (the budgets' unit). Floors and the anchor are built the same way in the same run. " +
      `Headless path by source module (minified KB before gzip, initial JS only): ${breakdown.join(", ")}.`,
    columns: ["case", "min KB", "min+gzip KB", "lazy chunks, KB gz each", "vs swr floor", "budget KB"],
    rows,
    goals: [
      goal(wallet),
      goal(balance),
      goal(all),
      {
        name: "provider + useWallet vs Autumn's headless path (anchor)",
        value: `${(wallet!.m.initial.gzip / autumn.m.initial.gzip).toFixed(2)}×`,
        target: "≤ 1×",
        met: wallet!.m.initial.gzip <= autumn.m.initial.gzip,
      },
      {
        name: "all three vs swr + clsx + Radix Dialog floor",
        value: `${(all!.m.initial.gzip / deps.m.initial.gzip).toFixed(2)}×`,
        target: "< 1× (dialog deferred)",
        met: all!.m.initial.gzip < deps.m.initial.gzip,
      },
    ],
    data: results.map((r) => ({ name: r.name, initial: r.m.initial, lazy: r.m.lazy })),
  };
}
