import { readFileSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/tooling/chromium";
import { build } from "esbuild";
import { chromium } from "playwright";
import { here } from "./_process";
import type { Section } from "./report";

const workDir = path.join(here, "..");
const ROWS = 1000;

// Two pages, bundled like an app's: <UsageHistory> with 1,000 loaded rows (pages of 100 from the mock
// client, "Load more" clicked until all are in), and the baseline, 1,000 plain list items of the same text.
const HISTORY = `
import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { CredytProvider, UsageHistory } from "@credyt/react";
import { createMockClient, demoUsage } from "@credyt/react/testing";
const client = createMockClient({ usage: { events: demoUsage(${ROWS}) } });
createRoot(document.getElementById("root")).render(
  h(CredytProvider, { client, locale: "en-US" }, h(UsageHistory, { limit: 100 })),
);
const more = setInterval(() => {
  const button = document.querySelector('[data-credyt="usage-more"]');
  if (button && !button.disabled) button.click();
  if (document.querySelectorAll('[data-credyt="usage-item"]').length >= ${ROWS}) {
    clearInterval(more);
    window.__ready = true;
  }
}, 20);`;

const PLAIN = `
import { demoUsage } from "@credyt/react/testing";
const list = document.createElement("ul");
for (const e of demoUsage(${ROWS})) {
  const li = document.createElement("li");
  li.textContent = e.occurredAt + " " + (e.description ?? e.eventType) + " " + (e.subject ?? "") + " " + e.fees[0].amount;
  li.style.padding = "0.4em 0";
  list.append(li);
}
document.getElementById("root").append(list);
window.__ready = true;`;

async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: workDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "error",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return result.outputFiles[0]?.text ?? "";
}

/** Frame times while the page scrolls 40 px per frame for 240 frames (rAF deltas, ms). */
const SCROLL = `new Promise((resolve) => {
  const times = [];
  let last = performance.now();
  let n = 0;
  function step(now) {
    times.push(now - last);
    last = now;
    window.scrollBy(0, 40);
    if (++n < 240) requestAnimationFrame(step);
    else resolve(times.slice(1));
  }
  requestAnimationFrame(step);
})`;

interface Run {
  rows: number;
  frames: number;
  dropped: number;
  p95: number;
  max: number;
}

async function measure(js: string, css: string): Promise<Run> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 640, height: 480 } });
    await page.setContent(
      `<!doctype html><html><head><style>${css}</style></head><body><div id="root"></div></body></html>`,
    );
    await page.addScriptTag({ content: js });
    await page.waitForFunction("window.__ready === true", undefined, { timeout: 60_000 });
    const rows = await page.evaluate(
      "document.querySelectorAll('[data-credyt=usage-item]').length || document.querySelectorAll('li').length",
    );
    const times = (await page.evaluate(SCROLL)) as number[];
    const sorted = [...times].sort((a, b) => a - b);
    // A frame is dropped when it took longer than 1.5 frames at 60 Hz.
    return {
      rows: rows as number,
      frames: times.length,
      dropped: times.filter((t) => t > 25).length,
      p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      max: sorted[sorted.length - 1] ?? 0,
    };
  } finally {
    await browser.close();
  }
}

/** Scrolling `<UsageHistory>` with 1,000 loaded rows in Chromium, against 1,000 plain list items. */
export async function scrollSection(): Promise<Section> {
  const css = readFileSync(path.join(workDir, "node_modules/@credyt/react/dist/styles.css"), "utf8");
  const history = await measure(await bundle(HISTORY), css);
  const plain = await measure(await bundle(PLAIN), "");
  const row = (name: string, r: Run) => [
    name,
    String(r.rows),
    String(r.frames),
    String(r.dropped),
    r.p95.toFixed(1),
    r.max.toFixed(1),
  ];
  return {
    title: "Scroll: <UsageHistory> with 1,000 loaded rows",
    intro:
      "Debian's Chromium, headless, 640×480: the page scrolls 40 px per animation frame for 240 frames; frame times are requestAnimationFrame deltas. A frame is dropped past 25 ms (1.5 frames at 60 Hz). Baseline: 1,000 plain list items with the same text, measured in the same run. This is frame timing, not a DevTools trace.",
    columns: ["page", "rows", "frames", "dropped", "p95 ms", "max ms"],
    rows: [
      row("<UsageHistory> (styles.css, content-visibility per day)", history),
      row("baseline: 1,000 plain <li>", plain),
    ],
    goals: [
      {
        name: "<UsageHistory> with 1,000 rows drops no more frames than the plain list",
        value: `${history.dropped} vs ${plain.dropped} dropped`,
        target: "≤ baseline + 1",
        met: history.dropped <= plain.dropped + 1,
      },
    ],
    data: { history, plain },
  };
}
