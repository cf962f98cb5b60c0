/**
 * The consumer smoke test: what an npm user gets. Every publishable package is packed with `pnpm pack`, a fresh
 * Vite + React app is written OUTSIDE the workspace (the template files are written here rather than by
 * `npm create vite`, so the run never depends on the template's latest output), everything is installed with npm
 * (Vite, React and TypeScript from the registry, ours from the tarballs), the quick start of the root README is
 * applied exactly as shown, and the whole journey runs in Chromium against `vite` and `vite preview`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../src/chromium.js";
import { freePort } from "../src/server.js";
import { addedLines, quickStart, relativeLinks, root, TEMPLATE } from "./quick-start";

const PACKAGES = ["core", "react", "proxy", "emulator", "vite"];
const work = mkdtempSync(path.join(tmpdir(), "credyt-consumer-"));
const app = path.join(work, "my-app");
/** Packed once for the whole smoke step (global-setup.ts). */
const tarballs = inject("tarballs");
const files = quickStart();
let browser: Browser;
const running: ChildProcess[] = [];

/** Env for the app's processes: no Credyt key (so the emulator runs), no colours in what we parse. */
const appEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", BROWSER: "none" };
  delete env.CREDYT_API_KEY;
  delete env.CREDYT_API_URL;
  delete env.NODE_OPTIONS;
  return env;
};

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, env: appEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Starts `vite <args>` in the app; resolves with its Local URL and printed lines once the Credyt line is out. */
function startVite(args: string[]): Promise<{ url: string; output: () => string }> {
  const child = spawn(process.execPath, [path.join(app, "node_modules/vite/bin/vite.js"), ...args], {
    cwd: app,
    env: appEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let text = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vite ${args.join(" ")} did not start:\n${text}`)), 60_000);
    const onData = (chunk: Buffer) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
      text += chunk.toString().replace(/\u001b\[[0-9;]*m/g, "");
      const local = /Local:\s+(http:\/\/\S+?)\/?\s/.exec(text);
      if (local && text.includes("Credyt:")) {
        clearTimeout(timer);
        resolve({ url: new URL(local[1] as string).origin, output: () => text });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`vite ${args.join(" ")} exited with ${code}:\n${text}`)));
  });
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

const balanceIs = (page: Page, text: string) =>
  page.locator('[data-credyt="balance-amount"]', { hasText: text }).waitFor({ timeout: 20_000 });

beforeAll(async () => {
  mkdirSync(path.join(app, "src"), { recursive: true });
  const tgz = (name: string) => `file:${tarballs[name]}`;
  const pkg = {
    name: "my-app",
    private: true,
    version: "0.0.0",
    type: "module",
    scripts: { dev: "vite", build: "vite build", preview: "vite preview" },
    dependencies: { "@credyt/react": tgz("react"), react: "19.3.1", "react-dom": "19.3.1" },
    devDependencies: {
      "@credyt/vite": tgz("vite"),
      "@types/node": "20.19.43",
      "@types/react": "19.3.0",
      "@types/react-dom": "19.3.0",
      "@vitejs/plugin-react": "6.3.0",
      typescript: "5.9.3",
      // What `npm create vite` installs today: our published typings must work there too.
      typescript7: "npm:typescript@7.0.2",
      vite: "8.3.8",
    },
    // The packed packages name each other by version; point those at the tarballs, never the registry.
    overrides: { "@credyt/core": tgz("core"), "@credyt/proxy": tgz("proxy"), "@credyt/emulator": tgz("emulator") },
  };
  writeFileSync(path.join(app, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(
    path.join(app, "index.html"),
    '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><title>my-app</title></head>\n' +
      '<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
  );
  writeFileSync(
    path.join(app, "src/main.tsx"),
    'import { StrictMode } from "react";\nimport { createRoot } from "react-dom/client";\nimport App from "./App.tsx";\n\n' +
      'createRoot(document.getElementById("root")!).render(\n  <StrictMode>\n    <App />\n  </StrictMode>,\n);\n',
  );
  writeFileSync(path.join(app, "src/App.css"), "h1 { font-family: system-ui, sans-serif; }\n");
  writeFileSync(path.join(app, "src/vite-env.d.ts"), '/// <reference types="vite/client" />\n');
  writeFileSync(
    path.join(app, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          module: "ESNext",
          moduleResolution: "bundler",
          allowImportingTsExtensions: true,
          verbatimModuleSyntax: true,
          jsx: "react-jsx",
          strict: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          noFallthroughCasesInSwitch: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          types: ["node"],
          noEmit: true,
        },
        include: ["src", "vite.config.ts"],
      },
      null,
      2,
    )}\n`,
  );
  // The quick start, exactly as the README shows it.
  writeFileSync(path.join(app, "vite.config.ts"), files.config);
  writeFileSync(path.join(app, "src/App.tsx"), files.app);

  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  for (const child of running) await stop(child);
  rmSync(work, { recursive: true, force: true });
});

describe("an npm user's first ten minutes, from packed tarballs", () => {
  it("the quick start is the same in the root, react and vite READMEs, and adds at most 8 lines in 2 files", () => {
    for (const readme of ["packages/react/README.md", "packages/vite/README.md"]) {
      expect(quickStart(path.join(root, readme)), readme).toEqual(files);
    }
    const added = addedLines(TEMPLATE.config, files.config) + addedLines(TEMPLATE.app, files.app);
    expect(added).toBeLessThanOrEqual(8);
  });

  it("no README in a tarball links to a relative file the tarball lacks", () => {
    for (const name of PACKAGES) {
      const listed = run("tar", ["-tzf", tarballs[name] as string], work)
        .split("\n")
        .filter(Boolean)
        .map((f) => f.replace(/^package\//, ""));
      const readme = run("tar", ["-xzOf", tarballs[name] as string, "package/README.md"], work);
      expect(readme.length, `@credyt/${name} README`).toBeGreaterThan(500);
      const missing = relativeLinks(readme).filter((target) => {
        const file = path.posix.normalize(target.replace(/^\.\//, ""));
        return !listed.some((f) => f === file || f.startsWith(`${file.replace(/\/$/, "")}/`));
      });
      expect(missing, `@credyt/${name} README links to files not in its tarball`).toEqual([]);
    }
  });

  it("vite: live balance, a top-up with 4242 to an exact new balance, and the billing portal", async () => {
    const port = await freePort();
    const dev = await startVite(["--port", String(port), "--strictPort"]);
    expect(dev.output()).toMatch(/Credyt: {2}proxy http:\/\/localhost:\d+\/api\/credyt · emulator in-process/);
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(dev.url);
    await balanceIs(page, "$14.57");

    await page.locator('[data-credyt="top-up-button"]').click();
    await page.waitForURL((url) => url.pathname === "/__credyt/checkout", { timeout: 20_000 });
    expect(new URL(page.url()).origin).toBe(dev.url);
    await page.locator("#card_number").fill("4242 4242 4242 4242");
    await page.locator("#expiry").fill("12/34");
    await page.locator("#cvc").fill("123");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith("/__credyt"), { timeout: 20_000 });
    await balanceIs(page, "$34.57");
    const wallet = await page.request.get(`${dev.url}/api/credyt/wallet/default:USD`);
    expect(await wallet.text()).toContain('"available":34.566678');

    await page.locator('[data-credyt="billing-portal-link"]').click();
    await page.waitForURL((url) => url.pathname === "/__credyt/portal", { timeout: 20_000 });
    await page.getByRole("heading", { name: /Billing for/ }).waitFor();
    await page.locator("#return").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/__credyt"), { timeout: 20_000 });
    await balanceIs(page, "$34.57");
    await context.close();
    await stop(running.pop());
  });

  it("vite build + vite preview: the balance, with nothing of the plugin in the build output", async () => {
    run(process.execPath, [path.join(app, "node_modules/vite/bin/vite.js"), "build"], app);
    const built = readdirSync(path.join(app, "dist"), { recursive: true }).map(String);
    expect(built.some((f) => f.includes("__credyt"))).toBe(false);
    const port = await freePort();
    const preview = await startVite(["preview", "--port", String(port), "--strictPort"]);
    const page = await browser.newPage({ locale: "en-US" });
    await page.goto(preview.url);
    await balanceIs(page, "$14.57");
    await page.close();
    await stop(running.pop());
  });

  it("require() loads every CommonJS entry", () => {
    const script = `
      const entries = [];
      for (const name of ${JSON.stringify(PACKAGES.map((p) => `@credyt/${p}`))}) {
        const pkg = require(name + "/package.json");
        for (const [sub, target] of Object.entries(pkg.exports)) {
          if (target && typeof target === "object" && target.require) entries.push(name + sub.slice(1));
        }
      }
      const failed = [];
      for (const entry of entries) {
        try { const m = require(entry); if (!m || Object.keys(m).length === 0) failed.push(entry + ": no exports"); }
        catch (e) { failed.push(entry + ": " + e.message.split("\\n")[0]); }
      }
      console.log(JSON.stringify({ entries, failed }));`;
    const result = JSON.parse(run(process.execPath, ["-e", script], app)) as { entries: string[]; failed: string[] };
    expect(result.entries.length).toBeGreaterThanOrEqual(8);
    expect(result.failed).toEqual([]);
  });

  it("npx @credyt/emulator runs the installed emulator's CLI", () => {
    const help = run("npx", ["--no", "--", "@credyt/emulator", "--help"], app);
    expect(help).toContain("Usage: credyt-emulator [options]");
  });

  it.each([
    ["5.9", "typescript"],
    ["7.0", "typescript7"],
  ])(
    "the app type-checks with strict tsc %s (skipLibCheck off, so our published typings are checked too)",
    (_, dir) => {
      let output = "";
      try {
        run(process.execPath, [path.join(app, "node_modules", dir, "bin/tsc"), "-p", "tsconfig.json"], app);
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      expect(output).toBe("");
    },
  );
});
