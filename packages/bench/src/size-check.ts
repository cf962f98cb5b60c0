/**
 * The bundle budgets in CI (`pnpm --filter @repo/bench test`, also `pnpm --filter @credyt/react size`): the paths
 * users take, measured by the same harness as `pnpm bench` (bundle-harness.ts), against the built packages.
 * Exits 1 when a path is over its limit, naming the path, the size, the limit and issue 26's target.
 *
 * LIMIT holds today's measured size (plus 0.1 KB) so nothing grows while the headless path is cut down;
 * the three budgeted paths print issue 26's target beside it. Once a path is under its target, set its
 * limit to the target (the TARGET column of BUDGETED in bundle-harness.ts).
 */
import { BUDGETED, kb, lazyChunks, measure, OTHERS } from "./bundle-harness";

/**
 * KB (1000 bytes), min+gzip. Measured 2026-12-07 after issue 26 item 1 (headless pays for headless); each limit
 * is the measured size (in its comment, with the size before item 1) plus 0.1 KB.
 */
const LIMIT: Record<string, number> = {
  "provider + useWallet (headless)": 11.49, // 11.39 (13.87 before issue 26 item 1); target 10
  "provider + <WalletBalance>": 14.57, // 14.47 (16.15 before); target 12
  "provider + all three, initial": 20.11, // 20.01 (20.19 before); target 15
  "provider + <TopUpButton>": 17.11, // 17.01 (17.32 before)
  "provider + <BillingPortalLink>": 15.38, // 15.28 (15.95 before)
  "provider + <UsageHistory>": 15.55, // 15.43 with the product line (issue 24)
  "provider + <SpendSummary>": 13.55, // 13.45 (15.13 before)
  "provider + <SpendChart>, initial": 13.02, // 12.92 (14.63 before)
  "provider + <LowBalanceNotice>": 19.41, // 19.31 (19.49 before)
  // Lazy chunks, fetched on first use, measured without what the page already has.
  "top-up-dialog (lazy)": 15.7, // 15.60
  "wallet-subscription (lazy)": 1.55, // 1.45 (already 1.45 before item 1, over its old 1.4)
  "spend-chart-view (lazy)": 1.66, // 1.56; issue 24's month layout (scale, axis, today, readout, arrow keys)
  // Loaded only when the URL has the checkout-return marker.
  "return-watch (lazy)": 0.79, // 0.69
};

const rows: { name: string; gzip: number; target?: number }[] = [];
const cases = [];
for (const path of [...BUDGETED, ...OTHERS]) {
  const measured = await measure(path.code);
  cases.push(measured);
  rows.push({ name: path.name, gzip: measured.initial.gzip, ...("target" in path ? { target: path.target } : {}) });
}
for (const chunk of lazyChunks(cases)) rows.push({ name: `${chunk.name} (lazy)`, gzip: chunk.size.gzip });

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
