/**
 * The Next.js 16 journey of issue 22, server half, from packed tarballs: an app made by
 * `create-next-app@latest --yes` (its defaults: App Router, Turbopack, Cache Components on) gets the proxy
 * README's Next recipe verbatim (`lib/credyt.ts` and the `[...path]` route, the README's `getUser` stub as
 * the app's auth), builds with `next build` with NO Credyt secrets in the environment, and serves under
 * `next start` in production. The server-rendered page (React's recipe) is not part of this test.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../src/server.js";
import { root } from "./quick-start";

const work = mkdtempSync(path.join(tmpdir(), "credyt-next16-"));
const app = path.join(work, "my-app");
const examples = path.join(root, "packages/proxy/examples");
const ORIGIN = "https://shop.example";
const running: ChildProcess[] = [];
let serverLog = "";
let buildOutput = "";
let url = "";
let emulator: { url: string; apiKey: string };

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
  return new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start:\n${text}`)), 60_000);
    const onData = (chunk: Buffer) => {
      const piece = chunk.toString();
      text += piece;
      onText(piece);
      const match = ready.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
  });
}

beforeAll(async () => {
  const tarballs = Object.fromEntries(Object.entries(inject("tarballs")).map(([name, file]) => [name, `file:${file}`]));
  run("npx", ["--yes", "create-next-app@latest", "my-app", "--yes", "--skip-install", "--disable-git"], work);
  const pkgPath = path.join(app, "package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  pkg.dependencies["@credyt/proxy"] = tarballs.proxy;
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
  // The README's Next recipe, verbatim but for the import path of the app's own module.
  mkdirSync(path.join(app, "lib"));
  writeFileSync(path.join(app, "lib/session.ts"), readFileSync(path.join(examples, "session.ts")));
  writeFileSync(path.join(app, "lib/credyt.ts"), readFileSync(path.join(examples, "credyt.ts")));
  mkdirSync(path.join(app, "app/api/credyt/[...path]"), { recursive: true });
  const route = readFileSync(path.join(examples, "next-route.ts"), "utf8").replace('"./credyt"', '"@/lib/credyt"');
  writeFileSync(path.join(app, "app/api/credyt/[...path]/route.ts"), route);
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
  emulator = { url: (started[1] as string).replace(/\/+$/, ""), apiKey: started[2] as string };
  const port = await freePort();
  const env = {
    ...cleanEnv(),
    NODE_ENV: "production",
    CREDYT_API_KEY: emulator.apiKey,
    CREDYT_API_URL: emulator.url,
    PUBLIC_ORIGIN: ORIGIN,
  };
  const next = path.join(app, "node_modules/next/dist/bin/next");
  await start([next, "start", "-p", String(port), "-H", "127.0.0.1"], env, /Ready in/, (text) => {
    serverLog += text;
  });
  serverLog = "";
  url = `http://127.0.0.1:${port}`;
}, 600_000);

afterAll(() => {
  for (const child of running) child.kill();
  rmSync(work, { recursive: true, force: true });
});

describe("Next.js 16 (create-next-app defaults, Cache Components) with the README's recipe", () => {
  it("next build succeeded without CREDYT_API_KEY or PUBLIC_ORIGIN, and the route is dynamic", () => {
    expect(buildOutput).toMatch(/\/api\/credyt\/\[\.\.\.path\]/);
  });

  it("next start serves the signed-in user's wallet (created from its external id), /config, 401 and 403", async () => {
    const wallet = await fetch(`${url}/api/credyt/wallet`, { headers: { cookie: "user=demo", origin: ORIGIN } });
    expect(wallet.status).toBe(200);
    expect(await wallet.text()).toContain("14.566678");
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

  it("writes nothing to the server log for those requests", () => {
    // Next's own start-up line may come after "Ready"; nothing else may.
    const lines = serverLog.split("\n").filter((line) => line.trim() !== "" && !/Running next\.config/.test(line));
    expect(lines).toEqual([]);
  });
});
