// Real HTTP servers, one per adapter, each mounting the proxy the way that framework's users would.
import { createServer, type Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { listen as listenOnFreePort } from "@repo/tooling/server";
import connect from "connect";
import express from "express";
import express4 from "express4";
import { Hono } from "hono";
import { createCredytProxy as createHonoProxy } from "../src/hono";
import { type CredytProxyOptions, createCredytProxy as createFetchProxy } from "../src/index";
import { createCredytProxy as createNextProxy } from "../src/next";
import { createCredytProxy as createNodeProxy } from "../src/node";

/** Options without `getCustomerId`: each adapter reads the signed-in user from its own context type. */
export type SharedOptions = Omit<CredytProxyOptions<unknown>, "getCustomerId" | "topUps"> & {
  topUps?: Omit<NonNullable<CredytProxyOptions<unknown>["topUps"]>, "unitsPerCurrency" | "currencyPerUnit">;
};

/** The test's "session": a `user` cookie naming the Credyt customer. */
function customerFromCookie(cookie: string | null | undefined): string | null {
  const match = /(?:^|;\s*)user=([^;]+)/.exec(cookie ?? "");
  return match?.[1] ?? null;
}

export interface RunningServer {
  /** Base URL of the proxy, e.g. `http://127.0.0.1:1234/api/credyt`. */
  base: string;
  close(): Promise<void>;
}

async function listen(server: Server, path = "/api/credyt"): Promise<RunningServer> {
  const { url, close } = await listenOnFreePort(server, { path });
  return { base: url, close };
}

export type AdapterName =
  | "fetch"
  | "node:http"
  | "express 5"
  | "express 5 + express.json()"
  | "express 5 mounted"
  | "express 4 + express.json()"
  | "connect"
  | "next"
  | "hono";

export const ADAPTERS: Record<AdapterName, (options: SharedOptions) => Promise<RunningServer>> = {
  fetch: (options) => {
    const proxy = createFetchProxy({
      ...options,
      getCustomerId: ({ request }) => customerFromCookie(request.headers.get("cookie")),
    });
    return listen(createAdaptorServer({ fetch: (request: Request) => proxy(request) }) as Server);
  },
  "node:http": (options) => {
    const proxy = createNodeProxy({ ...options, getCustomerId: ({ req }) => customerFromCookie(req.headers.cookie) });
    return listen(createServer(proxy));
  },
  "express 5": (options) => {
    const app = express();
    app.use(createNodeProxy({ ...options, getCustomerId: ({ req }) => customerFromCookie(req.headers.cookie) }));
    return listen(createServer(app));
  },
  "express 5 + express.json()": (options) => {
    const app = express();
    app.use(express.json({ limit: "1mb" }));
    app.use(createNodeProxy({ ...options, getCustomerId: ({ req }) => customerFromCookie(req.headers.cookie) }));
    return listen(createServer(app));
  },
  "express 5 mounted": (options) => {
    const app = express();
    app.use(express.json());
    app.use(
      "/billing",
      createNodeProxy({ ...options, getCustomerId: ({ req }) => customerFromCookie(req.headers.cookie) }),
    );
    return listen(createServer(app), "/billing");
  },
  "express 4 + express.json()": (options) => {
    const app = express4();
    app.use(express4.json({ limit: "1mb" }));
    app.use(createNodeProxy({ ...options, getCustomerId: ({ req }) => customerFromCookie(req.headers.cookie) }));
    return listen(createServer(app));
  },
  connect: (options) => {
    const app = connect();
    app.use(
      "/api/credyt",
      createNodeProxy({ ...options, getCustomerId: ({ req }) => customerFromCookie(req.headers.cookie) }),
    );
    return listen(createServer(app));
  },
  next: (options) => {
    const { GET, POST } = createNextProxy({
      ...options,
      getCustomerId: ({ request }) => customerFromCookie(request.headers.get("cookie")),
    });
    // What Next.js does with a route module: call the exported method, 405 for the others.
    const route = (request: Request) =>
      request.method === "GET"
        ? GET(request)
        : request.method === "POST"
          ? POST(request)
          : new Response(null, { status: 405 });
    return listen(createAdaptorServer({ fetch: route }) as Server);
  },
  hono: (options) => {
    const app = new Hono();
    app.all(
      "/api/credyt/*",
      createHonoProxy({ ...options, getCustomerId: (c) => customerFromCookie(c.req.header("cookie")) }),
    );
    return listen(createAdaptorServer({ fetch: app.fetch }) as Server);
  },
};
