/**
 * The Express + Vite SPA production journey of issue 22, from packed tarballs: a fresh Express 5 app outside
 * the workspace installs `@credyt/proxy` and `@credyt/react` with npm, mounts one `createCredyt` instance
 * (`identify` from the app's own users, `createRedisStore` for scale-out, `nodeErrors` behind an app-wide
 * `express.json()`), serves a Vite-built React SPA, and runs as two instances under NODE_ENV=production on one
 * real Redis, behind a round-robin HTTPS load balancer with a public name, with the emulator as Credyt.
 * Chromium signs in, sees the balance, pays a test top-up on the emulator's checkout and sees the new balance.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer as createHttpsServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../src/chromium.js";
import { startRedis, type TestRedis } from "../src/redis.js";
import { freePort } from "../src/server.js";
import { credytLines } from "./quick-start";

const work = mkdtempSync(path.join(tmpdir(), "credyt-express-redis-"));
const app = path.join(work, "my-server");
const running: ChildProcess[] = [];
const logs: string[] = [];
/** The site's public origin: the load balancer, reached by name (Chromium maps it to loopback). */
let ORIGIN = "";
let emulator: { url: string; apiKey: string };
let redis: TestRedis;
let urls: string[] = [];
let balancer: Server;
/** Requests the load balancer sent to each instance. */
const served = [0, 0];
let browser: Browser;

// The app's server: the README's Express recipe with the scale-out store. The `user` cookie stands in for
// the app's own authentication (Passport, express-session…), which would set req.user.
const SERVER = `import { createCredyt } from "@credyt/proxy";
import { createRedisStore } from "@credyt/proxy/redis";
import express from "express";
import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL });
client.on("error", (error) => console.error("redis", error));
const subscriber = client.duplicate();
subscriber.on("error", (error) => console.error("redis", error));
await Promise.all([client.connect(), subscriber.connect()]);

const credyt = createCredyt({
  apiKey: process.env.CREDYT_API_KEY,
  apiUrl: process.env.CREDYT_API_URL,
  origin: process.env.PUBLIC_ORIGIN,
  identify: ({ req }) => (req.user ? { externalId: req.user.id, email: req.user.email } : null),
  store: createRedisStore({ client, subscriber }),
});

const app = express();
app.use(express.json());
app.use((req, _res, next) => {
  const id = /(?:^|;\\s*)user=([\\w-]+)/.exec(req.headers.cookie ?? "")?.[1];
  req.user = id ? { id, email: id + "@example.com" } : undefined;
  next();
});
app.use("/api/credyt", credyt.node(), credyt.nodeErrors());
app.use(express.static("dist"));
app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
`;

// The SPA: the React README's components; the signed-in user comes from the app's own cookie.
const APP = `import { CredytProvider, TopUpButton, WalletBalance } from "@credyt/react";

export function App({ userId }) {
  return (
    <main>
      <h1>My app</h1>
      <CredytProvider locale="en-US" customer={userId}>
        <WalletBalance account="USD" />
        <TopUpButton amount={20} currency="USD" />
      </CredytProvider>
    </main>
  );
}
`;
const MAIN = `import { createRoot } from "react-dom/client";
import { App } from "./App.jsx";

const userId = /(?:^|;\\s*)user=([\\w-]+)/.exec(document.cookie)?.[1] ?? null;
createRoot(document.getElementById("root")).render(<App userId={userId} />);
`;

function run(cmd: string, args: string[], cwd: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
  delete env.NODE_OPTIONS;
  return execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function startServer(): Promise<string> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    PORT: String(port),
    REDIS_URL: redis.url,
    CREDYT_API_KEY: emulator.apiKey,
    CREDYT_API_URL: emulator.url,
    PUBLIC_ORIGIN: ORIGIN,
  };
  const child = spawn(process.execPath, ["server.mjs"], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join("")}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes("listening")) {
        clearTimeout(timer);
        resolve();
      } else logs.push(text);
    });
    child.stderr?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${logs.join("")}`)));
  });
  return `http://127.0.0.1:${port}`;
}

/**
 * The installed emulator, as an app's CI would run it, with its hosted pages published under the site's
 * own origin (`/__credyt`, routed by the load balancer), so checkout is an https page like Credyt's.
 */
async function startEmulator(publicUrl: string): Promise<{ url: string; apiKey: string }> {
  const port = await freePort();
  const script = `import { startEmulator } from "@credyt/emulator/node";
const e = await startEmulator({ port: ${port}, publicUrl: ${JSON.stringify(publicUrl)} });
console.log("emulator " + e.apiKey);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    cwd: app,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let text = "";
  const apiKey = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${text}`)), 30_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const key = /emulator (\S+)/.exec(text);
      if (key?.[1]) {
        clearTimeout(timer);
        resolve(key[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
  });
  return { url: `http://127.0.0.1:${port}`, apiKey };
}

/** A round-robin HTTPS load balancer: /__credyt/* to the emulator's pages, the rest to the instances in turn. */
async function startBalancer(port: number, cert: { key: string; cert: string }): Promise<Server> {
  let next = 0;
  const server = createHttpsServer(cert, (req, res) => {
    const toEmulator = (req.url ?? "").startsWith("/__credyt/");
    const index = next++ % 2;
    if (!toEmulator) served[index] = (served[index] ?? 0) + 1;
    const target = new URL(req.url ?? "/", toEmulator ? emulator.url : urls[index]);
    const forward = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

async function credytGet(pathname: string) {
  const response = await fetch(`${emulator.url}${pathname}`, { headers: { "X-CREDYT-API-KEY": emulator.apiKey } });
  return (await response.json()) as { items: Array<{ id: string }> };
}

beforeAll(async () => {
  const tarballs = Object.fromEntries(Object.entries(inject("tarballs")).map(([name, file]) => [name, `file:${file}`]));
  mkdirSync(path.join(app, "src"), { recursive: true });
  const pkg = {
    name: "my-server",
    private: true,
    type: "module",
    dependencies: {
      "@credyt/proxy": tarballs.proxy,
      "@credyt/react": tarballs.react,
      express: "5.2.1",
      react: "19.3.1",
      "react-dom": "19.3.1",
      redis: "5.10.0",
    },
    devDependencies: { "@credyt/emulator": tarballs.emulator, "@vitejs/plugin-react": "6.3.0", vite: "8.3.8" },
    overrides: { "@credyt/core": tarballs.core },
  };
  const write = (file: string, text: string) => writeFileSync(path.join(app, file), text);
  write("package.json", `${JSON.stringify(pkg, null, 2)}\n`);
  write("server.mjs", SERVER);
  write("src/App.jsx", APP);
  write("src/main.jsx", MAIN);
  write(
    "index.html",
    '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><title>my-app</title></head>\n' +
      '<body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>\n',
  );
  write(
    "vite.config.js",
    'import react from "@vitejs/plugin-react";\nimport { defineConfig } from "vite";\n\nexport default defineConfig({ plugins: [react()] });\n',
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app);
  run(process.execPath, [path.join(app, "node_modules/vite/bin/vite.js"), "build"], app);
  run(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=shop.test", "-days", "1"].concat([
      "-keyout",
      "key.pem",
      "-out",
      "cert.pem",
    ]),
    work,
  );
  const balancerPort = await freePort();
  ORIGIN = `https://shop.test:${balancerPort}`;
  redis = await startRedis();
  emulator = await startEmulator(`${ORIGIN}/__credyt`);
  urls = [await startServer(), await startServer()];
  balancer = await startBalancer(balancerPort, {
    key: readFileSync(path.join(work, "key.pem"), "utf8"),
    cert: readFileSync(path.join(work, "cert.pem"), "utf8"),
  });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP shop.test 127.0.0.1", "--ignore-certificate-errors"],
  });
});

afterAll(async () => {
  await browser?.close();
  balancer?.close();
  for (const child of running) child.kill();
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("Express + Redis in production, two instances, from the packed tarballs", () => {
  it("20 simultaneous first requests of a new user, split over both instances, create one Credyt customer", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${urls[i % 2]}/api/credyt/wallet`, { headers: { cookie: "user=smoke-user-1", origin: ORIGIN } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect((await credytGet("/customers?external_id=smoke-user-1")).items).toHaveLength(1);
  });

  it("one Idempotency-Key sent to both instances at once creates one top-up", async () => {
    const post = (i: number) =>
      fetch(`${urls[i % 2]}/api/credyt/top-ups`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "idempotency-key": "smoke-express-redis-key-1",
          cookie: "user=smoke-user-2",
          origin: ORIGIN,
        },
        body: JSON.stringify({ amount: 10, currency: "USD" }),
      });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    const customer = (await credytGet("/customers?external_id=smoke-user-2")).items[0];
    const topUps = await credytGet(`/top-ups?customer_id=${customer?.id}`);
    expect(topUps.items).toHaveLength(1);
  });

  it("serves the top-up limits on /config, refuses a foreign Origin, keeps the JSON error shape behind express.json()", async () => {
    const config = await fetch(`${urls[0]}/api/credyt/config`);
    expect(await config.json()).toMatchObject({
      top_ups: { currencies: [{ currency: "USD", min: "5", max: "1000", digits: 2 }] },
    });
    const foreign = await fetch(`${urls[1]}/api/credyt/wallet`, {
      headers: { cookie: "user=smoke-user-1", origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    const malformed = await fetch(`${urls[0]}/api/credyt/top-ups`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "smoke-bad-json-1", cookie: "user=u" },
      body: "{oops",
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    expect((await fetch(`${urls[0]}/api/credyt/customers`, { headers: { cookie: "user=u" } })).status).toBe(404);
  });

  it("takes at most 15 Credyt lines, customer mapping included (the rule is credytLines' comment)", () => {
    const lines = [SERVER, APP, MAIN].flatMap((source) => credytLines(source));
    expect(lines.length, lines.join("\n")).toBeLessThanOrEqual(15);
  });

  it("in Chromium, through the load balancer: the balance, a test top-up paid on checkout, the new balance", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    await context.addCookies([{ name: "user", value: "demo", url: ORIGIN }]);
    const page = await context.newPage();
    const balanceIs = (text: string) =>
      page.locator('[data-credyt="balance-amount"]', { hasText: text }).waitFor({ timeout: 20_000 });
    const before = [...served];
    await page.goto(`${ORIGIN}/`);
    await balanceIs("$14.57");
    await page.locator('[data-credyt="top-up-button"]').click();
    await page.waitForURL((url) => url.pathname.startsWith("/__credyt/checkout"), { timeout: 20_000 });
    await page.locator("#card_number").fill("4242 4242 4242 4242");
    await page.locator("#expiry").fill("12/34");
    await page.locator("#cvc").fill("123");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith("/__credyt"), { timeout: 20_000 });
    await balanceIs("$34.57");
    expect(new URL(page.url()).origin).toBe(ORIGIN);
    // Both instances served the journey (the SPA's files and its proxy calls alternate between them).
    expect(served[0]).toBeGreaterThan(before[0] ?? 0);
    expect(served[1]).toBeGreaterThan(before[1] ?? 0);
    await context.close();
  });

  it("writes nothing to the server log in production for all of the above", () => {
    expect(logs.join("")).toBe("");
  });
});
