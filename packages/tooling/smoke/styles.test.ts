/**
 * `@credyt/react/styles.css` beside the CSS apps really have, from the packed tarballs: a Tailwind v4 Vite app
 * (`@import "tailwindcss"`) with our stylesheet imported after Tailwind, before it, and from inside the app's
 * CSS; and create-next-app's `globals.css` (an unlayered `* { padding: 0; margin: 0 }` and
 * `a { color: inherit }`) before and after ours. In Chromium, it reads computed styles: our padding, borders
 * and colours survive the preflight and the reset, a utility class (`bg-*`, `p-*`) or a plain class passed as
 * `className` beats our defaults, and the colour scheme follows the page, not the OS.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../src/chromium.js";
import { freePort } from "../src/server.js";

const work = mkdtempSync(path.join(tmpdir(), "credyt-styles-"));
const app = path.join(work, "styles-app");
/** Packed once for the whole smoke step (global-setup.ts). */
const tarballs = inject("tarballs");
let browser: Browser;
let origin: string;
let vite: ChildProcess | undefined;

/** Our defaults, as computed: the accent (light), the text colours of each scheme. */
const ACCENT = "rgb(79, 70, 229)";
const LIGHT_TEXT = "rgb(17, 24, 39)";
const DARK_TEXT = "rgb(249, 250, 251)";

/** What create-next-app (without Tailwind) writes to `app/globals.css`. */
const NEXT_GLOBALS = `:root {
  --background: #ffffff;
  --foreground: #171717;
}

@media (prefers-color-scheme: dark) {
  :root {
    --background: #0a0a0a;
    --foreground: #ededed;
  }
}

html,
body {
  max-width: 100vw;
  overflow-x: hidden;
}

body {
  color: var(--foreground);
  background: var(--background);
  font-family: Arial, Helvetica, sans-serif;
  -webkit-font-smoothing: antialiased;
  -moz-osx-font-smoothing: grayscale;
}

* {
  box-sizing: border-box;
  padding: 0;
  margin: 0;
}

a {
  color: inherit;
  text-decoration: none;
}

@media (prefers-color-scheme: dark) {
  html {
    color-scheme: dark;
  }
}
`;

/** The page every variant renders: the same components, only the CSS and its order differ. */
const APP = `import { BillingPortalLink, TopUpButton, WalletBalance } from "@credyt/react";
import { MockCredytProvider } from "@credyt/react/testing";
import { createRoot } from "react-dom/client";

export function mount(utility) {
  createRoot(document.getElementById("root")).render(
    <MockCredytProvider scenario="ready" locale="en-US">
      <main>
        <WalletBalance account="USD" id="balance" />
        <TopUpButton currency="USD" presets={[10, 25]} id="plain" />
        <TopUpButton amount={20} currency="USD" id="classed" className={utility} />
        <BillingPortalLink asChild>
          <a href="#portal" id="link">Manage billing</a>
        </BillingPortalLink>
        <div id="reference" className={utility} />
        <div data-credyt-theme="dark">
          <WalletBalance account="USD" id="forced-dark" />
        </div>
      </main>
    </MockCredytProvider>,
  );
}
`;

/** Each variant: its entry's imports (in order) and the class passed to a component as `className`. */
const VARIANTS: Record<string, { imports: string[]; utility: string }> = {
  "tailwind-after": { imports: ["./tailwind.css", "@credyt/react/styles.css"], utility: "bg-red-600 p-8" },
  "tailwind-before": { imports: ["@credyt/react/styles.css", "./tailwind.css"], utility: "bg-red-600 p-8" },
  "tailwind-in-css": { imports: ["./tailwind-with-credyt.css"], utility: "bg-red-600 p-8" },
  "next-after": { imports: ["./globals.css", "@credyt/react/styles.css", "./mine.css"], utility: "mine" },
  "next-before": { imports: ["@credyt/react/styles.css", "./globals.css", "./mine.css"], utility: "mine" },
};

function run(cmd: string, args: string[], cwd: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
  delete env.NODE_OPTIONS;
  return execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function startVite(port: number): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", BROWSER: "none" };
  delete env.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    [path.join(app, "node_modules/vite/bin/vite.js"), "--port", String(port), "--strictPort"],
    {
      cwd: app,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  vite = child;
  let text = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vite did not start:\n${text}`)), 60_000);
    const onData = (chunk: Buffer) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
      text += chunk.toString().replace(/\u001b\[[0-9;]*m/g, "");
      const local = /Local:\s+(http:\/\/\S+?)\/?\s/.exec(text);
      if (local) {
        clearTimeout(timer);
        resolve(new URL(local[1] as string).origin);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`vite exited with ${code}:\n${text}`)));
  });
}

beforeAll(async () => {
  mkdirSync(path.join(app, "src"), { recursive: true });
  const pkg = {
    name: "styles-app",
    private: true,
    version: "0.0.0",
    type: "module",
    dependencies: { "@credyt/react": `file:${tarballs.react}`, react: "19.3.1", "react-dom": "19.3.1" },
    devDependencies: {
      "@tailwindcss/vite": "4.3.5",
      "@vitejs/plugin-react": "6.3.0",
      tailwindcss: "4.3.5",
      vite: "8.3.8",
    },
    overrides: { "@credyt/core": `file:${tarballs.core}` },
  };
  const write = (file: string, text: string) => writeFileSync(path.join(app, file), text);
  write("package.json", `${JSON.stringify(pkg, null, 2)}\n`);
  write(
    "vite.config.js",
    'import tailwindcss from "@tailwindcss/vite";\nimport react from "@vitejs/plugin-react";\nimport { defineConfig } from "vite";\n\n' +
      "export default defineConfig({ plugins: [react(), tailwindcss()] });\n",
  );
  write("src/app.jsx", APP);
  write("src/tailwind.css", '@import "tailwindcss";\n');
  write("src/tailwind-with-credyt.css", '@import "tailwindcss";\n@import "@credyt/react/styles.css";\n');
  write("src/globals.css", NEXT_GLOBALS);
  // A plain, unlayered class of the app's own (a CSS module compiles to the same).
  write("src/mine.css", ".mine {\n  background: rgb(220, 38, 38);\n  padding: 32px;\n}\n");
  for (const [name, variant] of Object.entries(VARIANTS)) {
    const imports = variant.imports.map((file) => `import "${file}";\n`).join("");
    write(
      `src/${name}.jsx`,
      `${imports}import { mount } from "./app.jsx";\n\nmount(${JSON.stringify(variant.utility)});\n`,
    );
    write(
      `${name}.html`,
      `<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><title>${name}</title></head>\n` +
        `<body><div id="root"></div><script type="module" src="/src/${name}.jsx"></script></body></html>\n`,
    );
  }
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app);
  origin = await startVite(await freePort());
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (vite && vite.exitCode === null) {
    const exited = new Promise((resolve) => vite?.once("exit", resolve));
    vite.kill("SIGTERM");
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

/** Opens a variant with the OS in `scheme` and waits for the balance. */
async function open(name: string, scheme: "light" | "dark"): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(`${origin}/${name}.html`);
  await page.locator('#balance [data-credyt="balance-amount"]').waitFor({ timeout: 30_000 });
  return page;
}

const style = (page: Page, selector: string, property: string) =>
  page.locator(selector).evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

describe.each(Object.keys(VARIANTS))("styles.css with %s", (name) => {
  const tailwind = name.startsWith("tailwind");

  it("keeps our padding, borders and colours, and the app's class passed as className wins", async () => {
    const page = await open(name, "light");
    // Our default button: padding and accent survive Tailwind's preflight or the unlayered reset.
    expect(await style(page, "#plain", "padding-left")).toBe("16px");
    expect(await style(page, "#plain", "padding-top")).toBe("8px");
    expect(await style(page, "#plain", "background-color")).toBe(ACCENT);
    expect(await style(page, "#plain", "border-top-width")).toBe("1px");
    // The link keeps its button look, not `a { color: inherit; text-decoration: none }`'s.
    expect(await style(page, "#link", "padding-left")).toBe("16px");
    expect(await style(page, "#link", "color")).toBe(LIGHT_TEXT);
    // A class of the app's (`bg-red-600 p-8`, or an unlayered `.mine`) beats our defaults.
    const reference = await style(page, "#reference", "background-color");
    expect(reference).not.toBe("rgba(0, 0, 0, 0)");
    expect(await style(page, "#classed", "background-color")).toBe(reference);
    expect(await style(page, "#classed", "padding-left")).toBe("32px");
    // The dialog: its padding, the input's border and the presets' spacing.
    await page.locator("#plain").click();
    const dialog = page.locator('[data-credyt="top-up-dialog"]');
    await dialog.waitFor({ timeout: 20_000 });
    expect(await style(page, '[data-credyt="top-up-dialog"]', "padding-top")).toBe("24px");
    expect(await style(page, '[data-credyt="top-up-input"]', "border-top-width")).toBe("1px");
    expect(await style(page, '[data-credyt="top-up-input"]', "padding-left")).toBe("12px");
    expect(await style(page, '[data-credyt="top-up-description"]', "margin-bottom")).toBe("16px");
    await page.context().close();
  });

  it(
    tailwind
      ? "a light page (no color-scheme) stays light on a dark OS; data-credyt-theme forces dark"
      : "follows the page's color-scheme: create-next-app's dark `color-scheme` on a dark OS makes it dark",
    async () => {
      const page = await open(name, "dark");
      const amount = '#balance [data-credyt="balance-amount"]';
      expect(await style(page, amount, "color")).toBe(tailwind ? LIGHT_TEXT : DARK_TEXT);
      expect(await style(page, '#forced-dark [data-credyt="balance-amount"]', "color")).toBe(DARK_TEXT);
      await page.context().close();
    },
  );
});
