/**
 * The Express production journey of issue 22, from packed tarballs: a fresh Express 5 app outside the
 * workspace installs `@credyt/proxy` with npm, mounts one `createCredyt` instance as the README shows
 * (`identify` from the app's own users, `createRedisStore` for scale-out, `nodeErrors` behind an app-wide
 * `express.json()`), and runs as two instances under NODE_ENV=production on one real Redis and the emulator.
 * The browser half (a Vite SPA) is the consumer smoke test's job; this one checks what two servers share.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startRedis, type TestRedis } from "../src/redis.js";
import { freePort } from "../src/server.js";

const work = mkdtempSync(path.join(tmpdir(), "credyt-express-redis-"));
const app = path.join(work, "my-server");
const ORIGIN = "https://shop.example";
const running: ChildProcess[] = [];
const logs: string[] = [];
let emulator: { url: string; apiKey: string };
let redis: TestRedis;
let urls: string[] = [];

// The app's server: the README's Express recipe with the scale-out store. `x-user` stands in for the
// app's own authentication (Passport, express-session…), which would set req.user.
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
  topUps: { currencies: { USD: { min: 5, max: 500 } } },
  store: createRedisStore({ client, subscriber }),
});

const app = express();
app.use(express.json());
app.use((req, _res, next) => {
  const id = req.get("x-user");
  req.user = id ? { id, email: id + "@example.com" } : undefined;
  next();
});
app.use("/api/credyt", credyt.node(), credyt.nodeErrors());
app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
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
  return `http://127.0.0.1:${port}/api/credyt`;
}

/** The packed emulator's CLI, as an app's CI would run it. */
async function startEmulatorCli(): Promise<{ url: string; apiKey: string }> {
  const port = await freePort();
  const cli = path.join(app, "node_modules/@credyt/emulator/dist/cli.js");
  const child = spawn(process.execPath, [cli, "--port", String(port)], { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let text = "";
  const started = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${text}`)), 30_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const key = /API key: (\S+)/.exec(text);
      const url = /listening on (\S+)/.exec(text);
      if (key?.[1] && url?.[1]) {
        clearTimeout(timer);
        resolve({ url: url[1].replace(/\/+$/, ""), apiKey: key[1] });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
  });
  return started;
}

async function credytGet(pathname: string) {
  const response = await fetch(`${emulator.url}${pathname}`, { headers: { "X-CREDYT-API-KEY": emulator.apiKey } });
  return (await response.json()) as { items: Array<{ id: string }> };
}

beforeAll(async () => {
  const tarballs = Object.fromEntries(Object.entries(inject("tarballs")).map(([name, file]) => [name, `file:${file}`]));
  mkdirSync(app);
  const pkg = {
    name: "my-server",
    private: true,
    type: "module",
    dependencies: { "@credyt/proxy": tarballs.proxy, express: "5.2.1", redis: "5.10.0" },
    devDependencies: { "@credyt/emulator": tarballs.emulator },
    overrides: { "@credyt/core": tarballs.core },
  };
  writeFileSync(path.join(app, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(path.join(app, "server.mjs"), SERVER);
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app);
  redis = await startRedis();
  emulator = await startEmulatorCli();
  urls = [await startServer(), await startServer()];
});

afterAll(async () => {
  for (const child of running) child.kill();
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("Express + Redis in production, two instances, from the packed tarballs", () => {
  it("20 simultaneous first requests of a new user, split over both instances, create one Credyt customer", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${urls[i % 2]}/wallet`, { headers: { "x-user": "smoke-user-1", origin: ORIGIN } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect((await credytGet("/customers?external_id=smoke-user-1")).items).toHaveLength(1);
  });

  it("one Idempotency-Key sent to both instances at once creates one top-up", async () => {
    const post = (i: number) =>
      fetch(`${urls[i % 2]}/top-ups`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "idempotency-key": "smoke-express-redis-key-1",
          "x-user": "smoke-user-2",
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
    const config = await fetch(`${urls[0]}/config`);
    expect(await config.json()).toMatchObject({
      top_ups: { currencies: [{ currency: "USD", min: "5", max: "500", digits: 2 }] },
    });
    const foreign = await fetch(`${urls[1]}/wallet`, {
      headers: { "x-user": "smoke-user-1", origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    const malformed = await fetch(`${urls[0]}/top-ups`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "smoke-bad-json-1", "x-user": "u" },
      body: "{oops",
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    expect((await fetch(`${urls[0]}/customers`, { headers: { "x-user": "u" } })).status).toBe(404);
  });

  it("writes nothing to the server log in production for all of the above", () => {
    expect(logs.join("")).toBe("");
  });
});
