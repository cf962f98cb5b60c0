// The proxy README's "Express behind Vite's dev proxy" recipe, run for real: Vite's `server.proxy` in front of a
// separate Node server that mounts @credyt/proxy/node. The shorthand (changeOrigin) is refused; the fixes work.
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { startEmulator } from "@credyt/emulator/node";
import { type CredytProxyOptions, createCredytProxy, type NodeContext } from "@credyt/proxy/node";
import { freePort, listen } from "@repo/tooling/server";
import { createServer, type ProxyOptions } from "vite";
import { afterEach, describe, expect, it } from "vitest";
import { appRoot } from "./helpers";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function backend(extra: Partial<CredytProxyOptions<NodeContext>>): Promise<string> {
  const emulator = await startEmulator({ port: 0 });
  closers.push(() => emulator.close());
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: emulator.url,
    getCustomerId: () => DEMO_CUSTOMER_ID,
    ...extra,
  });
  const server = await listen(createHttpServer((req, res) => proxy(req, res)));
  closers.push(server.close);
  return server.url;
}

async function vite(proxy: Record<string, string | ProxyOptions>): Promise<string> {
  const server = await createServer({
    root: appRoot(),
    configFile: false,
    envDir: false,
    logLevel: "silent",
    server: { port: 0, host: "127.0.0.1", proxy },
  });
  await server.listen();
  closers.push(() => server.close());
  const address = server.httpServer?.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

const portal = (origin: string) =>
  fetch(`${origin}/api/credyt/billing-portal/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: "{}",
  });

describe("Express behind Vite's dev proxy (the proxy README's recipe)", () => {
  it("the shorthand (changeOrigin) makes POSTs 403 forbidden", async () => {
    const target = await backend({});
    const origin = await vite({ "/api": target });
    const res = await portal(origin);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });

  it("fix: allowedOrigins names the Vite page's origin", async () => {
    const target = await backend({});
    const origin = await vite({ "/api": target });
    const fixed = await backend({ allowedOrigins: [origin] });
    const fixedOrigin = await vite({ "/api": fixed });
    // A second Vite on another port: only the origin listed is accepted.
    expect((await portal(origin)).status).toBe(403);
    const res = await fetch(`${fixedOrigin}/api/credyt/billing-portal/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: "{}",
    });
    expect(res.status).toBe(201);
  });

  it("fix: publicOrigin set to the Vite page's origin", async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const target = await backend({ publicOrigin: origin });
    const server = await createServer({
      root: appRoot(),
      configFile: false,
      envDir: false,
      logLevel: "silent",
      server: { port, strictPort: true, host: "127.0.0.1", proxy: { "/api": target } },
    });
    await server.listen();
    closers.push(() => server.close());
    expect((await portal(origin)).status).toBe(201);
  });

  it("fix: the long form with changeOrigin: false keeps the browser's Host", async () => {
    const target = await backend({});
    const origin = await vite({ "/api": { target, changeOrigin: false } });
    expect((await portal(origin)).status).toBe(201);
  });
});
