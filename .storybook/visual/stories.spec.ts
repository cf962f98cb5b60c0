import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Page } from "@playwright/test";

// One screenshot per story and theme, from the static build (`pnpm build-storybook`).
// Stories tagged `no-visual` are left out (live stories talk to an emulator; see docs/testing.md).
const here = path.dirname(fileURLToPath(import.meta.url));
const indexFile = path.resolve(here, "../../storybook-static/index.json");
if (!existsSync(indexFile)) {
  throw new Error(`${indexFile} is missing: run \`pnpm build-storybook\` before \`pnpm exec playwright test\`.`);
}
interface Entry {
  id: string;
  title: string;
  name: string;
  type: "story" | "docs";
  tags?: string[];
}
const index = JSON.parse(readFileSync(indexFile, "utf8")) as { entries: Record<string, Entry> };
const stories = Object.values(index.entries).filter(
  (entry) => entry.type === "story" && !entry.tags?.includes("no-visual"),
);

const docsPages = Object.values(index.entries).filter((entry) => entry.type === "docs");

const THEMES = ["light", "dark"] as const;

// One page per worker instead of one per test: every story is still a full page load, but the
// browser cache keeps Storybook's bundles, which cut the run from about 120 s to 40 s here.
const test = base.extend<{ page: Page }, { sharedPage: Page }>({
  sharedPage: [
    async ({ browser }, use, workerInfo) => {
      const { viewport, locale, timezoneId, colorScheme, deviceScaleFactor, baseURL } = workerInfo.project.use;
      const context = await browser.newContext({
        viewport,
        locale,
        timezoneId,
        colorScheme,
        deviceScaleFactor,
        baseURL,
      });
      const page = await context.newPage();
      // Storybook 10 moves a story whose play function threw on to "completed" and "finished" like any other:
      // record what its channel reports, so a failed play fails its screenshot instead of capturing a half-played
      // frame (a "Double-click guard" screenshot once showed "Redirecting…" because its play had thrown).
      await page.addInitScript(() => {
        const w = window as unknown as {
          __playErrors: string[];
          __STORYBOOK_ADDONS_CHANNEL__?: { on(e: string, f: (x: unknown) => void): void };
        };
        w.__playErrors = [];
        const listen = () => {
          const channel = w.__STORYBOOK_ADDONS_CHANNEL__;
          if (!channel) return void setTimeout(listen, 0);
          for (const event of [
            "playFunctionThrewException",
            "storyThrewException",
            "storyErrored",
            "unhandledErrorsWhilePlaying",
          ]) {
            channel.on(event, (error) => {
              const e = error as { message?: unknown; title?: unknown } | undefined;
              w.__playErrors.push(`${event}: ${String(e?.message ?? e?.title ?? JSON.stringify(error))}`);
            });
          }
        };
        listen();
      });
      await use(page);
      await context.close();
    },
    { scope: "worker" },
  ],
  page: async ({ sharedPage }, use) => {
    await use(sharedPage);
    sharedPage.removeAllListeners("pageerror");
    sharedPage.removeAllListeners("response");
  },
});

/**
 * Opens a story and waits until it rendered, played and settled: fonts loaded, no pending frame.
 * axe runs in the vitest suite; here it is switched off (`a11y.manual`), which halves the time per story.
 */
async function openStory(page: Page, id: string, theme: string): Promise<void> {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=theme:${theme};a11y.manual:!true`);
  const phase = await page
    .waitForFunction(
      () => {
        // biome-ignore lint/suspicious/noExplicitAny: Storybook's preview global is untyped.
        const p = (window as any).__STORYBOOK_PREVIEW__?.currentRender?.phase as string | undefined;
        return p === "completed" || p === "finished" || p === "errored" || p === "aborted" ? p : false;
      },
      undefined,
      { timeout: 20_000 },
    )
    .then((handle) => handle.jsonValue());
  expect(phase, `story ${id} did not render: ${errors.join("; ")}`).toMatch(/^(completed|finished)$/);
  const playErrors = await page.evaluate(() => (window as unknown as { __playErrors: string[] }).__playErrors);
  expect(playErrors, `story ${id}: its play function failed, so its frame is not the story's end state`).toEqual([]);
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

// Stories tagged `visual-widths` are also taken whole at a phone's, a tablet's and a laptop's width.
const WIDTHS = [375, 768, 1280] as const;

for (const story of stories) {
  for (const theme of THEMES) {
    test(`${story.title} / ${story.name} (${theme})`, async ({ page }) => {
      await openStory(page, story.id, theme);
      await expect(page).toHaveScreenshot(`${story.id}--${theme}.png`);
    });
    if (!story.tags?.includes("visual-widths")) continue;
    for (const width of WIDTHS) {
      test(`${story.title} / ${story.name} (${theme}, ${width} px)`, async ({ page }) => {
        await page.setViewportSize({ width, height: 480 });
        try {
          await openStory(page, story.id, theme);
          await expect(page).toHaveScreenshot(`${story.id}--${theme}--${width}.png`, { fullPage: true });
        } finally {
          await page.setViewportSize({ width: 640, height: 480 });
        }
      });
    }
  }
}

// Docs pages (autodocs and the written guides) are not screenshotted, but must render without an error.
for (const docs of docsPages) {
  test(`docs: ${docs.title} / ${docs.name}`, async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("response", (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`/iframe.html?id=${encodeURIComponent(docs.id)}&viewMode=docs&globals=a11y.manual:!true`);
    await expect(page.locator(".sbdocs-content h1").first()).toBeVisible({ timeout: 20_000 });
    await page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
  });
}

// The screenshot comparison must be able to fail: the same story with one `--credyt-*` colour changed
// (as a host or a regression would) must not match its baseline.
test("a changed --credyt-* colour fails the screenshot comparison", async ({ page }) => {
  const guard = stories.find((s) => s.id === COLOUR_GUARD_STORY);
  expect(guard, `story ${COLOUR_GUARD_STORY} exists`).toBeDefined();
  await openStory(page, COLOUR_GUARD_STORY, "light");
  await expect(page).toHaveScreenshot("colour-guard.png");
  // While updating baselines on purpose, the comparison below would overwrite the guard's baseline.
  const mode = test.info().config.updateSnapshots;
  if (mode === "all" || mode === "changed") return;
  await page.addStyleTag({ content: COLOUR_CHANGE });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  let failure: Error | undefined;
  try {
    await expect(page).toHaveScreenshot("colour-guard.png", { timeout: 3000 });
  } catch (error) {
    failure = error as Error;
  }
  expect(failure, "the screenshot with a changed colour matched the baseline").toBeDefined();
  expect(failure?.message).toMatch(/pixels|different/i);
});

const COLOUR_GUARD_STORY = "components-topupbutton--fixed-amount";
// indigo-600 → indigo-700: a shade a refactor could slip in unnoticed.
const COLOUR_CHANGE = "[data-credyt] { --credyt-accent: #4338ca; }";
