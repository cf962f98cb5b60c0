// The Node adapter calls Credyt through a bounded keep-alive pool by default (issue 26), and a `fetch` the
// app passes still wins.
import { createServer } from "node:http";
import { type ListeningServer, listen } from "@repo/tooling/server";
import { afterEach, describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/node";
import { slowCredyt } from "./slow-credyt";

const servers: ListeningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function proxyServer(apiUrl: string, extra: { fetch?: typeof fetch } = {}) {
  const proxy = createCredytProxy({
    apiKey: "key_test",
    apiUrl,
    getCustomerId: ({ req }) => String(req.headers["x-user"]),
    rateLimit: false,
    getRateLimit: false,
    ...extra,
  });
  const running = await listen(createServer((req, res) => proxy(req, res)));
  servers.push(running);
  return running.url;
}

/** 80 customers' reads at once: nothing can be coalesced, each needs its own upstream call. */
const eighty = (url: string) =>
  Promise.all(
    Array.from({ length: 80 }, (_, i) =>
      fetch(`${url}/api/credyt/wallet`, { headers: { "x-user": `cust_${i}` } }).then((r) => r.status),
    ),
  );

describe("@credyt/proxy/node upstream pool", () => {
  it("holds at most 50 connections to Credyt by default, however many customers read at once", {
    timeout: 20_000,
  }, async () => {
    const credyt = await slowCredyt(servers);
    const statuses = await eighty(await proxyServer(credyt.url));
    expect(statuses).toEqual(Array.from({ length: 80 }, () => 200));
    expect(credyt.requests()).toBe(80);
    expect(credyt.maxOpen()).toBeLessThanOrEqual(50);
  });

  it("uses the app's own fetch when given one (here Node's global fetch: one connection per waiting call)", {
    timeout: 20_000,
  }, async () => {
    const credyt = await slowCredyt(servers);
    let calls = 0;
    const appFetch: typeof fetch = (input, init) => {
      calls += 1;
      return fetch(input, init);
    };
    const statuses = await eighty(await proxyServer(credyt.url, { fetch: appFetch }));
    expect(statuses).toEqual(Array.from({ length: 80 }, () => 200));
    expect(calls).toBe(80);
    // The contrast that shows the default's bound is real: the global fetch held more than 50 at once.
    expect(credyt.maxOpen()).toBeGreaterThan(50);
  });
});
