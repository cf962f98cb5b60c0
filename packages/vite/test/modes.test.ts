import { readdirSync } from "node:fs";
import path from "node:path";
import { SECOND_CUSTOMER_ID } from "@credyt/emulator";
import { startEmulator } from "@credyt/emulator/node";
import { build, createServer, preview } from "vite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredytPluginError, credyt } from "../src/index";
import { appRoot, captureLogger } from "./helpers";

const closers: (() => Promise<void>)[] = [];
beforeEach(() => {
  delete process.env.CREDYT_API_KEY;
  delete process.env.CREDYT_API_URL;
});
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
  delete process.env.CREDYT_API_KEY;
  delete process.env.CREDYT_API_URL;
});

const base = (root: string) => ({
  root,
  configFile: false as const,
  envDir: false as const,
  logLevel: "silent" as const,
});

async function dev(plugin: ReturnType<typeof credyt>, root = appRoot()) {
  const { lines, logger } = captureLogger();
  const server = await createServer({
    ...base(root),
    logLevel: "info",
    customLogger: logger,
    server: { port: 0, host: "127.0.0.1" },
    plugins: [plugin],
  });
  await server.listen();
  closers.push(() => server.close());
  server.printUrls();
  return { origin: new URL(server.resolvedUrls?.local[0] ?? "").origin, lines };
}

describe("vite build and vite preview", () => {
  it("adds nothing to the build output, and serves proxy and pages in preview", async () => {
    const root = appRoot();
    const outDir = path.join(root, "dist");
    await build({ ...base(root), build: { outDir }, plugins: [credyt()] });
    const withPlugin = readdirSync(outDir, { recursive: true }).map(String).sort();
    await build({ ...base(root), build: { outDir }, plugins: [] });
    expect(withPlugin).toEqual(readdirSync(outDir, { recursive: true }).map(String).sort());

    const { lines, logger } = captureLogger();
    const server = await preview({
      ...base(root),
      logLevel: "info",
      customLogger: logger,
      build: { outDir },
      preview: { port: 0, host: "127.0.0.1" },
      plugins: [credyt()],
    });
    closers.push(() => server.close());
    server.printUrls();
    const origin = new URL(server.resolvedUrls?.local[0] ?? "").origin;
    expect(lines.filter((l) => l.includes("Credyt:"))).toHaveLength(1);
    const wallet = await fetch(`${origin}/api/credyt/wallet/default:USD`);
    expect(wallet.status).toBe(200);
    expect(await wallet.text()).toContain('"available":14.566678');
    const session = await fetch(`${origin}/api/credyt/billing-portal/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: "{}",
    });
    expect(session.status).toBe(201);
    const { redirect_url } = (await session.json()) as { redirect_url: string };
    expect(redirect_url.startsWith(`${origin}/__credyt/`)).toBe(true);
    expect((await fetch(redirect_url, { redirect: "manual" })).status).toBe(303);
  });

  it("works in preview with NODE_ENV=production (publicOrigin is passed explicitly)", async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      const root = appRoot();
      await build({ ...base(root), plugins: [] });
      const server = await preview({ ...base(root), preview: { port: 0, host: "127.0.0.1" }, plugins: [credyt()] });
      closers.push(() => server.close());
      const origin = new URL(server.resolvedUrls?.local[0] ?? "").origin;
      const res = await fetch(`${origin}/api/credyt/billing-portal/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: "{}",
      });
      expect(res.status).toBe(201);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});

describe("customers", () => {
  it("`customer` picks another seeded customer by external id", async () => {
    const { origin, lines } = await dev(credyt({ customer: "demo-2" }));
    expect(lines.join("\n")).toContain('signed in as customer "demo-2"');
    const res = await fetch(`${origin}/api/credyt/wallet`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain("14.566678");
  });

  it("an unknown customer is a 500 for the browser and a fix-it message in Vite's log, once", async () => {
    const { origin, lines } = await dev(credyt({ customer: "nobody" }));
    for (let i = 0; i < 2; i++) expect((await fetch(`${origin}/api/credyt/wallet`)).status).toBe(500);
    const fixes = lines.filter((l) => l.includes('No Credyt customer has external_id "nobody"'));
    expect(fixes).toHaveLength(1);
    expect(fixes[0]).toContain('credyt({ customer: "<external id or cust_… id>" })');
  });

  it("getCustomerId(ctx) reads the app's own session from the Node request", async () => {
    const plugin = credyt({
      getCustomerId: ({ req }) => (req.headers["x-test-user"] === "2" ? SECOND_CUSTOMER_ID : null),
    });
    const { origin, lines } = await dev(plugin);
    expect(lines.join("\n")).toContain("signed in as the customer from your getCustomerId(ctx)");
    expect((await fetch(`${origin}/api/credyt/wallet`)).status).toBe(401);
    expect((await fetch(`${origin}/api/credyt/wallet`, { headers: { "x-test-user": "2" } })).status).toBe(200);
  });
});

describe("with CREDYT_API_KEY (a real API; here an emulator on its own port stands in for it)", () => {
  it("fails at start-up with the fix when neither customer nor getCustomerId is given", async () => {
    process.env.CREDYT_API_KEY = "key_live_something";
    await expect(createServer({ ...base(appRoot()), plugins: [credyt()] })).rejects.toThrow(
      /CREDYT_API_KEY is set.*credyt\(\{ customer: "<external_id>" \}\).*getCustomerId/s,
    );
    await expect(createServer({ ...base(appRoot()), plugins: [credyt()] })).rejects.toBeInstanceOf(CredytPluginError);
  });

  it("calls CREDYT_API_URL with the key, and serves no emulator pages", async () => {
    const upstream = await startEmulator({ port: 0 });
    closers.push(() => upstream.close());
    process.env.CREDYT_API_KEY = upstream.apiKey;
    process.env.CREDYT_API_URL = upstream.url;
    const { origin, lines } = await dev(credyt({ customer: "demo" }));
    expect(lines.join("\n")).toContain(`Credyt API ${upstream.url} · signed in as customer "demo"`);
    const res = await fetch(`${origin}/api/credyt/wallet/default:USD`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("14.566678");
    const session = await fetch(`${origin}/api/credyt/billing-portal/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: "{}",
    });
    const { redirect_url } = (await session.json()) as { redirect_url: string };
    expect(redirect_url.startsWith(`${upstream.url}/api/sign-in?token=`)).toBe(true);
    // No in-process emulator: /__credyt is left to Vite (its SPA fallback), never an emulator page.
    expect(await (await fetch(`${origin}/__credyt/portal`)).text()).not.toContain("Credyt emulator");
  });

  it("a URL without a key warns that the in-process emulator is used instead", async () => {
    process.env.CREDYT_API_URL = "http://127.0.0.1:4010";
    const { lines } = await dev(credyt());
    expect(lines.join("\n")).toContain("CREDYT_API_URL is set (http://127.0.0.1:4010) but CREDYT_API_KEY is not");
  });
});

describe("bad options", () => {
  it.each([
    [{ customer: "" }, /`customer` must be a customer's external_id/],
    [{ basePath: "api" }, /`basePath` must be a path such as "\/api\/credyt"/],
    [{ pagesPath: "/api/credyt/x" }, /must not overlap/],
    [{ topUps: { min: -1 } }, /topUps\.min/],
  ])("%j is refused at start-up with its fix", async (options, message) => {
    // configResolved runs inside createServer: Vite never starts listening.
    const server = createServer({ ...base(appRoot()), server: { port: 0 }, plugins: [credyt(options as never)] });
    await expect(server).rejects.toThrow(message);
  });
});

describe("under Vitest", () => {
  it("does nothing when Vitest runs Vite in mode test, even with a key and no customer", async () => {
    expect(process.env.VITEST).toBeTruthy();
    process.env.CREDYT_API_KEY = "key_live_something";
    const server = await createServer({
      ...base(appRoot()),
      mode: "test",
      server: { port: 0, host: "127.0.0.1" },
      plugins: [credyt()],
    });
    await server.listen();
    closers.push(() => server.close());
    const res = await fetch(`${server.resolvedUrls?.local[0]}api/credyt/wallet`);
    expect(await res.text()).not.toContain('"error"');
  });
});
