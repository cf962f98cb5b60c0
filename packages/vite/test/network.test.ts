// The plugin closed to the network by default (issue 25, item 4): paths are checked before routing (no `..`
// escape from the "pages only" filter, in any encoding), the emulator's API and admin routes are never served
// over HTTP unless asked for, and with a real key requests from other machines are refused unless allowed.
import { request } from "node:http";
import { networkInterfaces } from "node:os";
import { startEmulator } from "@credyt/emulator/node";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { checkRequestPath } from "../src/_internal/request-path";
import { credyt } from "../src/index";
import { appRoot, captureLogger } from "./helpers";

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  delete process.env.CREDYT_API_KEY;
  delete process.env.CREDYT_API_URL;
});
afterAll(() => {
  delete process.env.CREDYT_API_KEY;
});

async function dev(plugin: ReturnType<typeof credyt>, host = "127.0.0.1") {
  const { lines, logger } = captureLogger();
  const server: ViteDevServer = await createServer({
    root: appRoot(),
    configFile: false,
    envDir: false,
    logLevel: "info",
    customLogger: logger,
    server: { port: 0, host, strictPort: false },
    plugins: [plugin],
  });
  await server.listen();
  server.printUrls();
  closers.push(() => server.close());
  const port = (server.httpServer?.address() as { port: number } | null)?.port ?? 0;
  return { port, lines };
}

/** A request with the path exactly as given (fetch would resolve `..` before sending). */
function raw(
  port: number,
  path: string,
  options: { host?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: options.host ?? "127.0.0.1", port, path, headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const KEY = { "X-CREDYT-API-KEY": "key_test_emulator" };

describe("paths are checked before routing: no escape from the pages filter", () => {
  const escapes = [
    "/__credyt/checkout/../customers",
    "/__credyt/checkout/../__emulator/faults",
    "/__credyt/checkout/%2e%2e/customers",
    "/__credyt/checkout/%2E%2E/customers",
    "/__credyt/checkout/.%2e/customers",
    "/__credyt/checkout/..%2fcustomers",
    "/__credyt/checkout/..%2Fcustomers",
    "/__credyt/checkout/%252e%252e/customers",
    "/__credyt/checkout/..%5ccustomers",
    "/__credyt/checkout/..\\customers",
    "/__credyt/portal/./../customers",
    "/__credyt/api/sign-in/../../customers",
    "/api/credyt/../__credyt/customers",
    "/somewhere/../__credyt/customers",
    "/__credyt/checkout/%00/../customers",
  ];

  it("refuses every dot-segment, encoded and backslash form with 400 in the error shape; the emulator API never answers", async () => {
    const { port } = await dev(credyt({ emulator: { admin: true } }));
    for (const path of escapes) {
      const { status, body } = await raw(port, path, { headers: KEY });
      expect([400, 404], path).toContain(status);
      expect(body, path).not.toContain("cust_");
      expect(body, path).not.toContain('"items"');
      if (status === 400) expect(JSON.parse(body).error.code, path).toBe("invalid_request");
    }
  });

  it("the checker itself refuses each form (and keeps ordinary paths)", () => {
    for (const path of escapes.filter((p) => p.startsWith("/__credyt")))
      expect(checkRequestPath(path).ok, path).toBe(false);
    expect(checkRequestPath("/__credyt/checkout?token=a/../b")).toEqual({ ok: true, path: "/__credyt/checkout" });
    expect(checkRequestPath("/api/credyt/wallet/default:USD").ok).toBe(true);
    expect(checkRequestPath("/api/credyt/wallet/default%3AUSD").ok).toBe(true);
  });

  it("the emulator's API and admin routes are not served over HTTP by default, even with emulator.admin", async () => {
    const { port } = await dev(credyt({ emulator: { admin: true } }));
    for (const path of ["/__credyt/customers", "/__credyt/__emulator/faults", "/__credyt/top-ups"]) {
      const { status, body } = await raw(port, path, { headers: KEY });
      expect(status, path).toBe(404);
      expect(body).toContain("reached through the proxy");
    }
    // The pages still are.
    expect((await raw(port, "/__credyt/portal")).status).not.toBe(404);
  });

  it("serves them only when the developer asks: credyt({ exposeEmulatorApi: true })", async () => {
    const { port, lines } = await dev(credyt({ exposeEmulatorApi: true, emulator: { admin: true } }));
    const { status, body } = await raw(port, "/__credyt/__emulator/faults", { headers: KEY });
    expect(status).toBe(200);
    expect(body).not.toContain("reached through the proxy");
    expect(lines.join("\n")).toContain("emulator API served over HTTP (exposeEmulatorApi)");
  });
});

/** An address of this machine that is not loopback, so a request to it arrives from a non-loopback address. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
}

describe("with a real key, the network is refused unless allowed", () => {
  const lan = lanAddress();

  async function realKeyServer(allowNetwork?: boolean) {
    const upstream = await startEmulator({ port: 0 });
    closers.push(() => upstream.close());
    process.env.CREDYT_API_KEY = upstream.apiKey;
    process.env.CREDYT_API_URL = upstream.url;
    return dev(credyt({ customer: "demo", ...(allowNetwork === undefined ? {} : { allowNetwork }) }), "0.0.0.0");
  }

  it.skipIf(!lan)("refuses a request from another address (403, error shape) and says so at start-up", async () => {
    const { port, lines } = await realKeyServer();
    expect(lines.join("\n")).toContain(
      "real key, serving this machine only (allowNetwork: true to serve your network)",
    );
    const local = await raw(port, "/api/credyt/wallet/default:USD");
    expect(local.status).toBe(200);
    expect(local.body).toContain("14.566678");
    const remote = await raw(port, "/api/credyt/wallet/default:USD", { host: lan as string });
    expect(remote.status).toBe(403);
    expect(JSON.parse(remote.body).error.code).toBe("forbidden");
    expect(remote.body).toContain("allowNetwork: true");
    expect(remote.body).not.toContain("14.566678");
  });

  it.skipIf(!lan)("serves the network when explicitly allowed: credyt({ allowNetwork: true })", async () => {
    const { port, lines } = await realKeyServer(true);
    expect(lines.join("\n")).toContain("real key, serving your network too (allowNetwork)");
    const remote = await raw(port, "/api/credyt/wallet/default:USD", { host: lan as string });
    expect(remote.status).toBe(200);
  });

  it("refuses a non-boolean allowNetwork at start-up", async () => {
    await expect(
      createServer({
        root: appRoot(),
        configFile: false,
        envDir: false,
        logLevel: "silent",
        plugins: [credyt({ allowNetwork: "yes" as unknown as boolean })],
      }),
    ).rejects.toThrow(/allowNetwork.*true or false/);
  });
});
