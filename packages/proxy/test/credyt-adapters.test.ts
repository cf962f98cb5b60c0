// One instance, thin mounts: every adapter takes the prefix from the framework's own route, so the
// instance has no `basePath` and is mounted wherever the app likes.
import { createServer } from "node:http";
import { createEmulator } from "@credyt/emulator";
import { getRequestListener } from "@hono/node-server";
import { type ListeningServer, listen } from "@repo/tooling/server";
import express from "express";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { type HonoContext, toHonoHandler } from "../src/hono";
import { createCredyt } from "../src/index";
import { toNextRoute } from "../src/next";
import type { NodeContext } from "../src/node";
import { expectError } from "./helpers";

const ORIGIN = "https://app.example";
const emulator = createEmulator();
const upstreamFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
  emulator.fetch(new Request(input, init))) as typeof fetch;
const common = { apiKey: emulator.apiKey, apiUrl: "http://credyt.test", fetch: upstreamFetch, origin: ORIGIN };
const servers: ListeningServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("toNextRoute: the prefix is the [...path] route's", () => {
  it("serves /wallet under any route folder, with params as a promise (Next 15+) or a plain object", async () => {
    const credyt = createCredyt({ ...common, identify: () => ({ externalId: "next-user" }) });
    const { GET, POST } = toNextRoute(credyt);
    // The app mounted it at app/billing/[...slug]/route.ts, not at /api/credyt.
    const wallet = await GET(new Request(`${ORIGIN}/billing/wallet`), {
      params: Promise.resolve({ slug: ["wallet"] }),
    });
    expect(wallet.status).toBe(200);
    const config = await GET(new Request(`${ORIGIN}/billing/config`), { params: { slug: ["config"] } });
    expect(config.status).toBe(200);
    await expectError(
      await GET(new Request(`${ORIGIN}/billing/customers`), { params: Promise.resolve({ slug: ["customers"] }) }),
      404,
      "not_found",
    );
    const portal = await POST(
      new Request(`${ORIGIN}/billing/billing-portal/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: "{}",
      }),
      { params: Promise.resolve({ slug: ["billing-portal", "sessions"] }) },
    );
    expect(portal.status).toBe(201);
  });

  it("without params (a test calling GET(request)), falls back to basePath", async () => {
    const credyt = createCredyt({ ...common, identify: () => ({ externalId: "next-user" }) });
    const { GET } = toNextRoute(credyt);
    expect((await GET(new Request(`${ORIGIN}/api/credyt/wallet`))).status).toBe(200);
  });

  it("in development, the browser's Host is this site although Next hands over a localhost URL", async () => {
    const credyt = createCredyt({ ...common, origin: undefined, dev: true, identify: () => ({ externalId: "dev" }) });
    const { GET } = toNextRoute(credyt);
    const request = new Request("http://localhost:3000/api/credyt/wallet", {
      headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" },
    });
    expect((await GET(request, { params: Promise.resolve({ path: ["wallet"] }) })).status).toBe(200);
  });
});

describe("toHonoHandler: the prefix is the route's", () => {
  it("works under app.all('/pay/*') and under app.route('/nested', sub), identify receiving c", async () => {
    const credyt = createCredyt<HonoContext>({
      ...common,
      identify: ({ c }) => {
        const user = c.req.header("x-user");
        return user ? { externalId: user } : null;
      },
    });
    const app = new Hono();
    app.all("/pay/*", toHonoHandler(credyt));
    const sub = new Hono();
    sub.all("/credyt/*", toHonoHandler(credyt));
    app.route("/nested", sub);
    expect((await app.request(`${ORIGIN}/pay/wallet`, { headers: { "x-user": "hono-user" } })).status).toBe(200);
    expect((await app.request(`${ORIGIN}/nested/credyt/wallet`, { headers: { "x-user": "hono-user" } })).status).toBe(
      200,
    );
    await expectError(await app.request(`${ORIGIN}/pay/wallet`), 401, "unauthorized");
  });

  it("rebuilds a body a middleware already read with c.req.json()", async () => {
    const credyt = createCredyt<HonoContext>({ ...common, identify: () => ({ externalId: "hono-body" }) });
    const app = new Hono();
    app.use("*", async (c, next) => {
      if (c.req.method === "POST") await c.req.json();
      await next();
    });
    app.all("/pay/*", toHonoHandler(credyt));
    const response = await app.request(`${ORIGIN}/pay/billing-portal/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: "{}",
    });
    expect(response.status).toBe(201);
  });
});

describe("credyt.node(): the prefix is Express's mount path", () => {
  function expressApp(json: boolean) {
    const credyt = createCredyt<NodeContext<express.Request>>({
      ...common,
      identify: ({ req }) => {
        const user = req.get("x-user");
        return user ? { externalId: user } : null;
      },
    });
    const app = express();
    if (json) app.use(express.json({ limit: "1kb" }));
    app.use("/money", credyt.node(), credyt.nodeErrors());
    return app;
  }

  it("serves under app.use('/money', credyt.node()) and leaves other paths to the app", async () => {
    const app = expressApp(false);
    app.get("/other", (_req, res) => {
      res.send("app");
    });
    const server = await listen(createServer(app));
    servers.push(server);
    expect((await fetch(`${server.url}/money/wallet`, { headers: { "x-user": "node-user" } })).status).toBe(200);
    expect(await (await fetch(`${server.url}/other`)).text()).toBe("app");
  });

  it("behind an app-wide express.json(), malformed JSON and an oversize body keep the protocol's JSON shape", async () => {
    const server = await listen(createServer(expressApp(true)));
    servers.push(server);
    const post = (body: string) =>
      fetch(`${server.url}/money/top-ups`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-user": "node-user", "idempotency-key": "node-json-key-1" },
        body,
      });
    await expectError(await post("{not json"), 400, "bad_request");
    await expectError(
      await post(JSON.stringify({ amount: 10, currency: "USD", description: "x".repeat(5000) })),
      413,
      "payload_too_large",
    );
    // A sound body still goes through the parsed req.body.
    expect((await post(JSON.stringify({ amount: 10, currency: "USD" }))).status).toBe(201);
  });
});

describe("Fetch handler with a basePath of its own", () => {
  it("serves under basePath and 404s outside it", async () => {
    const credyt = createCredyt({ ...common, basePath: "/b", identify: () => ({ externalId: "fetch-user" }) });
    const server = await listen(createServer(getRequestListener((request) => credyt.fetch(request))));
    servers.push(server);
    expect((await fetch(`${server.url}/b/wallet`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/credyt/wallet`)).status).toBe(404);
  });
});
