// The Fetch handler's Node build (package.json's `node` condition for `.`, `./next` and `./hono`, issue 26):
// on Node it calls Credyt through the bounded keep-alive pool by default, never through `globalThis.fetch`,
// while the plain build (Workers, Deno, Bun, edge) keeps the global fetch; an explicit `fetch` wins in both.
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import type { ListeningServer } from "@repo/tooling/server";
import { Hono } from "hono";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import * as honoPlain from "../src/hono";
import * as honoNode from "../src/hono.node";
import * as plain from "../src/index";
import * as indexNode from "../src/index.node";
import * as nextPlain from "../src/next";
import * as nextNode from "../src/next.node";
import { slowCredyt } from "./slow-credyt";

let upstream: RunningEmulator;
const servers: ListeningServer[] = [];
const realFetch = globalThis.fetch;
let globalCalls = 0;

beforeAll(async () => {
  upstream = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await upstream?.close();
});
beforeEach(() => {
  globalCalls = 0;
  // Counted, then passed on: the plain build still works, the Node build must not come here.
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => {
    globalCalls += 1;
    return realFetch(input, init);
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const server of servers.splice(0)) await server.close();
});

const options = (extra: { fetch?: typeof fetch; apiUrl?: string } = {}) => ({
  apiKey: upstream.apiKey,
  apiUrl: upstream.url,
  origin: "https://shop.example",
  getCustomerId: () => DEMO_CUSTOMER_ID,
  ...extra,
});
const walletRequest = () => new Request("https://shop.example/api/credyt/wallet");

/** Every way the Node build makes an instance, each answering GET /wallet. */
const nodeFactories: [string, () => Promise<Response>][] = [
  ["createCredyt (.) → credyt.fetch", () => indexNode.createCredyt(options()).fetch(walletRequest())],
  ["createCredytProxy (.)", () => indexNode.createCredytProxy(options())(walletRequest())],
  ["createCredytProxy (./next) → GET", () => nextNode.createCredytProxy(options()).GET(walletRequest())],
  [
    "createCredyt (./next) → toNextRoute",
    () => nextNode.toNextRoute(nextNode.createCredyt(options())).GET(walletRequest(), { params: { path: ["wallet"] } }),
  ],
  [
    "createCredytProxy (./hono) on a Hono app",
    () => {
      const app = new Hono();
      app.all("/api/credyt/*", honoNode.createCredytProxy(options()));
      return Promise.resolve(app.request(walletRequest()));
    },
  ],
  [
    "createCredyt (./hono) → toHonoHandler",
    () => {
      const app = new Hono();
      app.all("/api/credyt/*", honoNode.toHonoHandler(honoNode.createCredyt(options())));
      return Promise.resolve(app.request(walletRequest()));
    },
  ],
];

describe("the Fetch handler's Node build", () => {
  it.each(nodeFactories)("%s: answers the wallet without calling globalThis.fetch", async (_, answer) => {
    const response = await answer();
    expect(response.status).toBe(200);
    expect(((await response.json()) as { accounts: unknown[] }).accounts.length).toBeGreaterThan(0);
    expect(globalCalls).toBe(0);
  });

  it("exports the same names as the plain build, with the same functions but the two factories", () => {
    for (const [nodeBuild, plainBuild] of [
      [indexNode, plain],
      [nextNode, nextPlain],
      [honoNode, honoPlain],
    ] as const) {
      expect(Object.keys(nodeBuild).sort()).toEqual(Object.keys(plainBuild).sort());
      for (const name of Object.keys(plainBuild) as (keyof typeof plainBuild)[]) {
        if (name === "createCredyt" || name === "createCredytProxy") expect(nodeBuild[name]).not.toBe(plainBuild[name]);
        else expect(nodeBuild[name]).toBe(plainBuild[name]);
      }
    }
  });

  it("has the plain build's types (published, both builds point at the same declarations)", () => {
    expectTypeOf(indexNode.createCredyt).toEqualTypeOf(plain.createCredyt);
    expectTypeOf(indexNode.createCredytProxy).toEqualTypeOf(plain.createCredytProxy);
    expectTypeOf(nextNode.createCredyt).toEqualTypeOf(nextPlain.createCredyt);
    expectTypeOf(nextNode.createCredytProxy).toEqualTypeOf(nextPlain.createCredytProxy);
    expectTypeOf(honoNode.createCredyt).toEqualTypeOf(honoPlain.createCredyt);
    expectTypeOf(honoNode.createCredytProxy).toEqualTypeOf(honoPlain.createCredytProxy);
  });

  it("an explicit fetch wins: `fetch: globalThis.fetch` is the way back to Node's global fetch", async () => {
    const credyt = indexNode.createCredyt(options({ fetch: globalThis.fetch }));
    expect((await credyt.fetch(walletRequest())).status).toBe(200);
    expect(globalCalls).toBe(1);
    const own = vi.fn(realFetch);
    const { GET } = nextNode.createCredytProxy(options({ fetch: own }));
    expect((await GET(walletRequest())).status).toBe(200);
    expect(own).toHaveBeenCalledTimes(1);
    expect(globalCalls).toBe(1);
  });

  it("the plain build (Workers, Deno, Bun, edge) still calls globalThis.fetch by default", async () => {
    expect((await plain.createCredyt(options()).fetch(walletRequest())).status).toBe(200);
    expect((await nextPlain.createCredytProxy(options()).GET(walletRequest())).status).toBe(200);
    expect(globalCalls).toBe(2);
  });

  it("holds at most 50 connections to Credyt, however many customers read at once", {
    timeout: 20_000,
  }, async () => {
    const credyt = await slowCredyt(servers);
    const instance = indexNode.createCredyt({
      apiKey: "key_test",
      apiUrl: credyt.url,
      origin: "https://shop.example",
      getCustomerId: ({ request }) => request.headers.get("x-user"),
      rateLimit: false,
      upstreamBudget: false,
    });
    // 80 customers at once: nothing can be coalesced, each read needs its own upstream call.
    const statuses = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        instance
          .fetch(new Request("https://shop.example/api/credyt/wallet", { headers: { "x-user": `cust_${i}` } }))
          .then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array.from({ length: 80 }, () => 200));
    expect(credyt.requests()).toBe(80);
    expect(credyt.maxOpen()).toBeLessThanOrEqual(50);
    expect(globalCalls).toBe(0);
  });
});
