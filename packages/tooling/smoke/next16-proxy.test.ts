/**
 * The Next.js 16 production journey of issue 22, from packed tarballs: an app made by
 * `create-next-app@latest --yes` (its defaults: App Router, Turbopack, Cache Components on) gets the React
 * README's Next recipe, its code blocks extracted from the README (`lib/credyt.ts`, the `[...path]` route,
 * `app/page.tsx` prefetching the wallet inside <Suspense>), with a cookie-reading stand-in for the app's
 * `auth()`. It builds with `next build` with NO Credyt secrets or origin in the environment, and serves under
 * `next start` in production: the server HTML holds the exact balance, a Credyt outage degrades only the
 * widget, and page views write nothing to the server log.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../src/chromium.js";
import { freePort } from "../src/server.js";
import { credytLines, namedBlocks, root } from "./quick-start";

const work = mkdtempSync(path.join(tmpdir(), "credyt-next16-"));
const app = path.join(work, "my-app");
const running: ChildProcess[] = [];
/** The README's Next files, by the path their first line names. */
const recipe = namedBlocks(readFileSync(path.join(root, "packages/react/README.md"), "utf8"));
const FILES = ["lib/credyt.ts", "app/api/credyt/[...path]/route.ts", "app/page.tsx"];
/** The app's own authentication, which the README imports from "@/lib/auth": a `user` cookie. */
const AUTH = `import { cookies } from "next/headers";

export async function auth(): Promise<{ id: string; email: string } | null> {
  const id = (await cookies()).get("user")?.value;
  return id ? { id, email: \`\${id}@example.com\` } : null;
}
`;
let serverLog = "";
let buildOutput = "";
let url = "";
let origin = "";
let emulator: { url: string; apiKey: string; process: ChildProcess };
let browser: Browser;

/** The environment of a CI build or a container: no Credyt secrets, no public origin. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["CREDYT_API_KEY", "CREDYT_API_URL", "PUBLIC_ORIGIN", "NODE_OPTIONS", "NODE_ENV"])
    delete env[name];
  return env;
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, env: cleanEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Starts a process and resolves with the first match of `ready` in its output. */
function start(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, onText: (text: string) => void) {
  const child = spawn(process.execPath, args, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let text = "";
  return new Promise<{ match: RegExpExecArray; child: ChildProcess }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start:\n${text}`)), 60_000);
    const onData = (chunk: Buffer) => {
      const piece = chunk.toString();
      text += piece;
      onText(piece);
      const match = ready.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ match, child });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
  });
}

/** Lines the server wrote while `views` ran. */
async function logLinesDuring(views: () => Promise<void>): Promise<string[]> {
  const before = serverLog.length;
  await views();
  // Anything a page view logs is written before its response ends; give stdio one turn to deliver it.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return serverLog
    .slice(before)
    .split("\n")
    .filter((line) => line.trim() !== "");
}

const page = (cookie = "user=demo") => fetch(`${url}/`, { headers: { cookie } });

beforeAll(async () => {
  const tarballs = Object.fromEntries(Object.entries(inject("tarballs")).map(([name, file]) => [name, `file:${file}`]));
  run("npx", ["--yes", "create-next-app@latest", "my-app", "--yes", "--skip-install", "--disable-git"], work);
  const pkgPath = path.join(app, "package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  pkg.dependencies["@credyt/proxy"] = tarballs.proxy;
  pkg.dependencies["@credyt/react"] = tarballs.react;
  pkg.devDependencies["@credyt/emulator"] = tarballs.emulator;
  pkg.overrides = { "@credyt/core": tarballs.core };
  writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  // The template's layout loads Google Fonts at build time (next/font/google), which needs the network the
  // test machine does not give a build; the same layout without the fonts.
  const layoutPath = path.join(app, "app/layout.tsx");
  const layout = readFileSync(layoutPath, "utf8")
    .replace(/import \{[^}]*\} from "next\/font\/google";\n/, "")
    .replace(/const geist\w+ = \w+\(\{[\s\S]*?\}\);\n/g, "")
    .replace(/\$\{geist\w+\.variable\} /g, "");
  expect(layout).not.toContain("next/font");
  writeFileSync(layoutPath, layout);
  // The README's recipe, verbatim: each block goes to the file its first line names.
  for (const file of FILES) {
    const source = recipe.get(file);
    if (source === undefined) throw new Error(`packages/react/README.md has no \`// ${file}\` block`);
    mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    writeFileSync(path.join(app, file), source);
  }
  writeFileSync(path.join(app, "lib/auth.ts"), AUTH);
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app);
  buildOutput = run(process.execPath, [path.join(app, "node_modules/next/dist/bin/next"), "build"], app);

  const emulatorPort = await freePort();
  const cli = path.join(app, "node_modules/@credyt/emulator/dist/cli.js");
  const started = await start(
    [cli, "--port", String(emulatorPort)],
    cleanEnv(),
    /listening on (\S+)[\s\S]*API key: (\S+)/,
    () => {},
  );
  emulator = {
    url: (started.match[1] as string).replace(/\/+$/, ""),
    apiKey: started.match[2] as string,
    process: started.child,
  };
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // The browser reaches the app by a public name (mapped to loopback below), so the proxy runs in production
  // with a real site origin, as it would behind a domain.
  origin = `http://shop.test:${port}`;
  const env = {
    ...cleanEnv(),
    NODE_ENV: "production",
    CREDYT_API_KEY: emulator.apiKey,
    CREDYT_API_URL: emulator.url,
    PUBLIC_ORIGIN: origin,
  };
  const next = path.join(app, "node_modules/next/dist/bin/next");
  await start([next, "start", "-p", String(port), "-H", "127.0.0.1"], env, /Ready in/, (text) => {
    serverLog += text;
  });
  serverLog = "";
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP shop.test 127.0.0.1"],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const child of running) child.kill();
  // CREDYT_SMOKE_KEEP=1 keeps the app for a look after a failure.
  if (!process.env.CREDYT_SMOKE_KEEP) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
});

describe("Next.js 16 (create-next-app defaults, Cache Components) with the React README's recipe", () => {
  it("takes at most 20 Credyt lines (the rule is credytLines' comment)", () => {
    const lines = FILES.flatMap((file) => credytLines(recipe.get(file) ?? ""));
    expect(lines.length, lines.join("\n")).toBeLessThanOrEqual(20);
  });

  it("next build succeeded without CREDYT_API_KEY or PUBLIC_ORIGIN: the page is partially prerendered, the route dynamic", () => {
    expect(buildOutput).toMatch(/\/api\/credyt\/\[\.\.\.path\]/);
    // ◐ Partial Prerender: the shell is static, the signed-in part streams in.
    expect(buildOutput).toMatch(/◐ \/\s/);
  });

  it("the Node runtime's server bundle has @credyt/proxy's Node build (the upstream pool, undici bundled), and the build warned of nothing", () => {
    // Next's own notice about a missing build cache (a fresh app, as in CI) is about the machine, not our code.
    const warnings = buildOutput
      .split("\n")
      .filter((line) => /⚠|warn|error/i.test(line) && !/No build cache found/.test(line));
    expect(warnings).toEqual([]);
    const server = path.join(app, ".next/server");
    const code = (readdirSync(server, { recursive: true }) as string[])
      .filter((file) => file.endsWith(".js"))
      .map((file) => readFileSync(path.join(server, file), "utf8"));
    // A string only the pool's module holds (the `node` export condition picked dist/*.node.js).
    expect(code.some((text) => text.includes("upstream pool: only string bodies are sent to Credyt."))).toBe(true);
  });

  it("the server-rendered HTML already holds the exact balance (no loading state), with no log line per view", async () => {
    const htmls: string[] = [];
    const logged = await logLinesDuring(async () => {
      for (let i = 0; i < 5; i++) {
        const response = await page();
        expect(response.status).toBe(200);
        htmls.push(await response.text());
      }
    });
    for (const html of htmls) {
      expect(html).toContain("Your account");
      expect(html).toMatch(/data-credyt="balance"[^>]*data-state="ready"/);
      expect(html).toContain("$14.57");
      expect(html).not.toMatch(/data-credyt="balance"[^>]*data-state="loading"/);
      expect(html).not.toContain("Loading balance");
    }
    expect(logged).toEqual([]);
  });

  it("in the browser: the balance is there at first paint, hydrates without a warning and stays", async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "user", value: "demo", url: origin }]);
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    tab.on("pageerror", (error) => problems.push(error.message));
    const wallet = tab.waitForResponse((r) => r.url().endsWith("/api/credyt/wallet"));
    await tab.goto(`${origin}/`);
    expect(await tab.locator('[data-credyt="balance-amount"]').first().textContent()).toBe("$14.57");
    // The background revalidation goes through the route (same origin, signed in) and agrees.
    expect((await wallet).status()).toBe(200);
    await tab.waitForLoadState("networkidle");
    expect(await tab.locator('[data-credyt="balance"]').first().getAttribute("data-state")).toBe("ready");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the route serves /config, 401 signed out, 403 for a foreign origin, 404 for /customers", async () => {
    const config = await fetch(`${url}/api/credyt/config`);
    expect(await config.json()).toMatchObject({
      top_ups: { currencies: [{ currency: "USD", min: "5", max: "500", digits: 2 }] },
    });
    expect((await fetch(`${url}/api/credyt/wallet`)).status).toBe(401);
    const foreign = await fetch(`${url}/api/credyt/wallet`, {
      headers: { cookie: "user=demo", origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect((await fetch(`${url}/api/credyt/customers`, { headers: { cookie: "user=demo" } })).status).toBe(404);
  });

  it("a Credyt outage degrades only the widget: the page is 200 and renders, the widget shows its error, no log lines", async () => {
    const exited = new Promise((resolve) => emulator.process.once("exit", resolve));
    emulator.process.kill();
    await exited;
    const logged = await logLinesDuring(async () => {
      for (let i = 0; i < 3; i++) {
        const response = await page();
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toContain("Your account");
        expect(html).not.toContain("$14.57");
      }
      const context = await browser.newContext();
      await context.addCookies([{ name: "user", value: "demo", url: origin }]);
      const tab = await context.newPage();
      await tab.goto(`${origin}/`);
      await tab.locator('[data-credyt="balance-error"]').waitFor({ timeout: 30_000 });
      expect(await tab.locator("h1").textContent()).toBe("Your account");
      await context.close();
    });
    expect(logged).toEqual([]);
  });
});
