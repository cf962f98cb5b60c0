// The 100-account render timing in Debian's Chromium (issue 26: jsdom's DOM is not a browser's). Three
// renders, each with React's production build and data in hand, synchronously (flushSync), 30 rounds of 10
// mounts each, the median of the last 20 rounds: <WalletBalance showAll> under the provider; a plain list of the same 100 formatted
// numbers; and "same DOM": the exact elements, attributes and text ours produced, rendered by plain React with
// no logic, which tells how much of the difference is the DOM's and how much is our code's. Each render's
// elements are made inside its timing, as a component makes them when it renders (the plain list formats its
// 100 numbers there too); "same DOM" builds its elements from a description taken once from our output.
import path from "node:path";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/tooling/chromium";
import { build } from "esbuild";
import { chromium } from "playwright";
import { here } from "./_process";

const PAGE = `
import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { flushSync } from "react-dom";
import { CredytProvider, WalletBalance } from "@credyt/react";
import { formatAmount } from "@credyt/core";

const accounts = Array.from({ length: 100 }, (_, i) => ({
  id: "acct" + i + ":USD", name: "acct" + i, asset: "USD", available: 1000 + i / 7,
}));
const never = () => new Promise(() => {});
// Chromium's clock is coarse (0.1 ms): each sample sums REPEAT mount-and-render timings (one root at a time,
// unmounted outside the timing, so roots never see each other's cache updates).
const REPEAT = 10;
function time(make) {
  let total = 0;
  let html = "";
  for (let i = 0; i < REPEAT; i++) {
    const container = document.body.appendChild(document.createElement("div"));
    const root = createRoot(container);
    const t0 = performance.now();
    flushSync(() => root.render(make()));
    total += performance.now() - t0;
    html = container.innerHTML;
    root.unmount();
    container.remove();
  }
  return { ms: total / REPEAT, html };
}
/** The DOM subtree as a plain description (tag, props, children): the same tags, attributes and text. */
function describe(node, key) {
  if (node.nodeType === 3) return node.textContent;
  const props = { key };
  for (const a of node.attributes) props[a.name === "class" ? "className" : a.name === "for" ? "htmlFor" : a.name] = a.value;
  return { tag: node.localName, props, children: [...node.childNodes].map((c, i) => describe(c, i)) };
}
/** A description as React elements, made the way JSX makes them: no component logic. */
function asElements(d) {
  return typeof d === "string" ? d : h(d.tag, d.props, ...d.children.map(asElements));
}
const ours = () => h(CredytProvider, { fetch: never, locale: "en-US", initialWallet: { accounts } },
  h(WalletBalance, { showAll: true }));
const plain = () => h("ul", null, accounts.map((a) => h("li", { key: a.id }, formatAmount(a.available, a.asset, { locale: "en-US" }))));
const template = document.createElement("div");
template.innerHTML = time(ours).html;
const description = [...template.childNodes].map((c, i) => describe(c, i));
const same = () => h("div", null, ...description.map(asElements));
const median = (v) => { const s = [...v].sort((a, b) => a - b); return (s[9] + s[10]) / 2; };
const runs = { ours: [], plain: [], same: [] };
for (let round = 0; round < 30; round++) {
  const o = time(ours).ms, p = time(plain).ms, s = time(same).ms;
  if (round >= 10) { runs.ours.push(o); runs.plain.push(p); runs.same.push(s); }
}
window.__result = { ours: median(runs.ours), plain: median(runs.plain), same: median(runs.same),
  elements: template.querySelectorAll("*").length };`;

export interface ChromiumTiming {
  ours: number;
  plain: number;
  same: number;
  /** Elements <WalletBalance showAll> rendered for 100 accounts. */
  elements: number;
}

export async function chromiumTiming(): Promise<ChromiumTiming> {
  const result = await build({
    stdin: { contents: PAGE, resolveDir: path.join(here, ".."), loader: "js" },
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "error",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: result.outputFiles[0]?.text ?? "" });
    await page.waitForFunction("window.__result !== undefined", undefined, { timeout: 60_000 });
    return (await page.evaluate("window.__result")) as ChromiumTiming;
  } finally {
    await browser.close();
  }
}
