/**
 * The bundle budgets in CI (`pnpm --filter @repo/bench test`, also `pnpm --filter @credyt/react size`): the paths
 * users take, measured by the same harness as `pnpm bench` (bundle-harness.ts), against the built packages.
 * Exits 1 when a path is over its limit, naming the path, the size, the limit and issue 26's target.
 *
 * LIMIT holds today's measured size (plus under 1 %) so nothing grows while the headless path is cut down;
 * the three budgeted paths print issue 26's target beside it. Once a path is under its target, set its
 * limit to the target (the TARGET column of BUDGETED in bundle-harness.ts).
 */
import { BUDGETED, kb, lazyChunks, measure, OTHERS } from "./bundle-harness";

/** KB (1000 bytes), min+gzip. Measured 2026-12-07 (see each comment); the limits are about 0.1 KB above. */
const LIMIT: Record<string, number> = {
  "provider + useWallet (headless)": 13.4, // 13.30; target 10
  "provider + <WalletBalance>": 15.45, // 15.35; target 12
  "provider + all three, initial": 19.3, // 19.18; target 15
  "provider + <TopUpButton>": 16.5, // 16.38
  "provider + <BillingPortalLink>": 15.45, // 15.36
  "provider + <UsageHistory>": 16.1, // 16.00
  "provider + <SpendSummary>": 14.5, // 14.41
  "provider + <SpendChart>, initial": 14.1, // 14.02
  "provider + <LowBalanceNotice>": 18.65, // 18.54
  // Lazy chunks, fetched on first use, measured without what the page already has.
  "top-up-dialog (lazy)": 15.7, // 15.60
  "wallet-subscription (lazy)": 1.4, // 1.32
  "spend-chart-view (lazy)": 1.6, // 0.93; issue 24's month layout (scale, axis, today, readout, arrow keys) makes it about 1.5, still lazy
};

const rows: { name: string; gzip: number; target?: number }[] = [];
for (const path of [...BUDGETED, ...OTHERS]) {
  const { initial } = await measure(path.code);
  rows.push({ name: path.name, gzip: initial.gzip, ...("target" in path ? { target: path.target } : {}) });
}
for (const chunk of await lazyChunks()) rows.push({ name: `${chunk.name} (lazy)`, gzip: chunk.size.gzip });

let failed = false;
console.log(
  "Bundle budgets (esbuild min+gzip level 9, react/react-dom external, everything else counted, KB = 1000 B):",
);
for (const row of rows) {
  const limit = LIMIT[row.name];
  if (limit === undefined) throw new Error(`size-check: no limit for "${row.name}"`);
  const size = row.gzip / 1000;
  const over = size > limit;
  failed ||= over;
  const target =
    row.target === undefined
      ? ""
      : `; issue 26 target ${row.target} KB, ${size <= row.target ? "met" : `${(size - row.target).toFixed(2)} KB over it`}`;
  console.log(`  ${over ? "FAIL" : "ok  "} ${row.name}: ${kb(row.gzip)} KB (limit ${limit} KB${target})`);
}
if (failed) {
  console.error("A bundle grew past its limit: see packages/bench/src/bundle-harness.ts for how it is measured.");
  process.exit(1);
}
