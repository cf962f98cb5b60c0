// Node-specific behaviour: middleware chaining, mount paths, consumed bodies, the context passed on.
import { createServer, type IncomingMessage } from "node:http";
import { type ListeningServer, listen } from "@repo/tooling/server";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/node";
import { CUSTOMER, FAKE_KEY, fakeUpstream } from "./fake-upstream";

const servers: ListeningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = await listen(createServer(handler));
  servers.push(server);
  return server.url;
}

function proxyWith(seen: IncomingMessage[] = [], extra: Partial<Parameters<typeof createCredytProxy>[0]> = {}) {
  const upstream = fakeUpstream();
  const proxy = createCredytProxy({
    apiKey: FAKE_KEY,
    apiUrl: "https://credyt.test",
    fetch: upstream.fetch,
    getCustomerId: ({ req }) => {
      seen.push(req);
      return CUSTOMER;
    },
    ...extra,
  });
  return { proxy, upstream };
}

describe("@credyt/proxy/node", () => {
  it("passes requests outside basePath to next() so the app's own routes still work", async () => {
    const app = express();
    app.use(proxyWith().proxy);
    app.get("/health", (_req, res) => {
      res.send("ok");
    });
    const url = await serve(app);
    expect(await (await fetch(`${url}/health`)).text()).toBe("ok");
    expect((await fetch(`${url}/api/credyt/wallet`)).status).toBe(200);
  });

  it("answers 404 JSON outside basePath when there is no next (node:http)", async () => {
    const url = await serve(proxyWith().proxy);
    const response = await fetch(`${url}/elsewhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("honours originalUrl under an Express route and a mount path", async () => {
    const seen: IncomingMessage[] = [];
    const app = express();
    app.all("/api/credyt/{*splat}", proxyWith(seen).proxy);
    app.use("/billing", proxyWith().proxy);
    const url = await serve(app);
    expect((await fetch(`${url}/api/credyt/wallet`)).status).toBe(200);
    expect((await fetch(`${url}/billing/wallet`)).status).toBe(200);
    expect((await fetch(`${url}/billing/wallet/default:USD`)).status).toBe(200);
    expect((seen[0] as IncomingMessage & { originalUrl?: string }).originalUrl).toBe("/api/credyt/wallet");
  });

  it("gives getCustomerId the framework's own req and res", async () => {
    const contexts: unknown[] = [];
    const upstream = fakeUpstream();
    const app = express();
    app.use((req, _res, next) => {
      (req as IncomingMessage & { user?: string }).user = CUSTOMER;
      next();
    });
    app.use(
      createCredytProxy({
        apiKey: FAKE_KEY,
        apiUrl: "https://credyt.test",
        fetch: upstream.fetch,
        getCustomerId: (ctx) => {
          contexts.push(ctx);
          return (ctx.req as IncomingMessage & { user?: string }).user ?? null;
        },
      }),
    );
    const url = await serve(app);
    expect((await fetch(`${url}/api/credyt/wallet`)).status).toBe(200);
    expect(Object.keys(contexts[0] as object).sort()).toEqual(["req", "request", "res"]);
  });

  it("reads the body whether or not express.json() ran first, with the same result", async () => {
    for (const withJson of [false, true]) {
      const { proxy, upstream } = proxyWith();
      const app = express();
      if (withJson) app.use(express.json());
      app.use(proxy);
      const url = await serve(app);
      const response = await fetch(`${url}/api/credyt/top-ups`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": "node-body-key-1" },
        body: '{"amount":12.34,"currency":"USD","description":"ünïcödé"}',
      });
      expect(response.status).toBe(201);
      expect(upstream.calls[0]?.body).toMatchObject({ amount: 12.34, description: "ünïcödé" });
    }
  });

  it("answers 413 to a 6 MB chunked body without reading it all", async () => {
    const { proxy, upstream } = proxyWith();
    const url = await serve(proxy);
    const chunk = new TextEncoder().encode(" ".repeat(16_384));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 400; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(`${url}/api/credyt/top-ups`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": "chunked-key-01" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
    expect(upstream.calls).toHaveLength(0);
  });

  it("treats the request's own origin as same-origin (Origin check over real HTTP)", async () => {
    const url = await serve(proxyWith().proxy);
    expect((await fetch(`${url}/api/credyt/wallet`, { headers: { Origin: url } })).status).toBe(200);
    expect((await fetch(`${url}/api/credyt/wallet`, { headers: { Origin: "http://127.0.0.1:1" } })).status).toBe(403);
  });

  it("uses Express's req.protocol (trust proxy) for the origin", async () => {
    const app = express();
    app.set("trust proxy", true);
    app.use(proxyWith().proxy);
    const url = await serve(app);
    const host = new URL(url).host;
    const response = await fetch(`${url}/api/credyt/wallet`, {
      headers: { Origin: `https://${host}`, "X-Forwarded-Proto": "https" },
    });
    expect(response.status).toBe(200);
  });

  describe("behind HTTPS termination (the server sees http://, the browser is on https://)", () => {
    const topUp = (url: string, headers: Record<string, string>) =>
      fetch(`${url}/api/credyt/top-ups`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Idempotency-Key": `tls-${Math.random().toString(36).slice(2)}`,
          ...headers,
        },
        body: '{"amount":10,"currency":"USD","return_url":"/account"}',
      });

    it("refuses the browser's https Origin without publicOrigin or trustProxy (the default stays strict)", async () => {
      const { proxy, upstream } = proxyWith();
      const url = await serve(proxy);
      const host = new URL(url).host;
      const response = await topUp(url, { "X-Forwarded-Proto": "https", Origin: `https://${host}` });
      expect(response.status).toBe(403);
      expect(upstream.calls).toHaveLength(0);
    });

    it("trustProxy: takes self from X-Forwarded-Proto/Host (first values) for the Origin check and return URLs", async () => {
      const { proxy, upstream } = proxyWith([], { trustProxy: true });
      const url = await serve(proxy);
      const host = new URL(url).host;
      const same = await topUp(url, { "X-Forwarded-Proto": "https", Origin: `https://${host}` });
      expect(same.status).toBe(201);
      expect(upstream.calls[0]?.body).toMatchObject({
        return_url: `https://${host}/account?credyt_return=top_up`,
        failure_url: `https://${host}/account?credyt_return=failed`,
      });
      const forwarded = await topUp(url, {
        "X-Forwarded-Proto": "https, http",
        "X-Forwarded-Host": "app.example.com, internal.lan",
        Origin: "https://app.example.com",
      });
      expect(forwarded.status).toBe(201);
      expect(upstream.calls[1]?.body).toMatchObject({
        return_url: "https://app.example.com/account?credyt_return=top_up",
      });
      expect((await topUp(url, { "X-Forwarded-Proto": "https", Origin: url })).status).toBe(403);
    });

    it("publicOrigin: is self for the Origin check and return URLs, whatever the request says", async () => {
      const { proxy, upstream } = proxyWith([], { publicOrigin: "https://app.example.com/" });
      const url = await serve(proxy);
      const ok = await topUp(url, { Origin: "https://app.example.com" });
      expect(ok.status).toBe(201);
      expect(upstream.calls[0]?.body).toMatchObject({
        return_url: "https://app.example.com/account?credyt_return=top_up",
      });
      const wallet = await fetch(`${url}/api/credyt/wallet`, { headers: { Origin: "https://app.example.com" } });
      expect(wallet.status).toBe(200);
      // The server's internal http origin and a forged forwarded host are no longer "self".
      expect((await topUp(url, { Origin: url })).status).toBe(403);
      expect(
        (
          await topUp(url, {
            "X-Forwarded-Host": "evil.example",
            "X-Forwarded-Proto": "https",
            Origin: "https://evil.example",
          })
        ).status,
      ).toBe(403);
      expect(upstream.calls.filter((call) => call.method === "POST")).toHaveLength(1);
    });

    it("ignores X-Forwarded-* unless trustProxy is on", async () => {
      const { proxy, upstream } = proxyWith();
      const url = await serve(proxy);
      const response = await topUp(url, {
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
        Origin: "https://evil.example",
      });
      expect(response.status).toBe(403);
      expect(upstream.calls).toHaveLength(0);
    });
  });
});
