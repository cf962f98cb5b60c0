// Calls on Node's global fetch share one deadline signal per short window (issue 26): each call is still
// bounded (504 upstream_timeout, an outage for the breaker), and none is cut short by a window it shares with
// calls that started earlier. A real loopback server that never answers; Node's own fetch.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf } from "../src/_internal/upstream";
import { createCredytApi, createCredytProxy } from "../src/index";
import { expectError } from "./helpers";

// A window is a hundredth of the timeout: 10 ms here, so calls started two milliseconds apart share one.
const TIMEOUT_MS = 1_000;
let hanging: Server;
let url: string;
beforeAll(async () => {
  hanging = createServer(() => {}); // reads the request, never answers
  await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
});
afterAll(() => {
  hanging.closeAllConnections();
  hanging.close();
});

describe("shared call deadlines on Node's global fetch", () => {
  it("every call is aborted as a timeout, none before its own timeoutMs", async () => {
    // Node's fetch, timed from the moment the proxy calls it to the moment the call ends.
    const spans: number[] = [];
    const timed = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const started = performance.now();
      try {
        return await fetch(input, init);
      } finally {
        spans.push(performance.now() - started);
      }
    }) as typeof fetch;
    const api = createCredytApi({
      apiKey: "key_test_shareddeadline000000",
      apiUrl: url,
      timeoutMs: TIMEOUT_MS,
      fetch: timed,
    });
    // Started about two milliseconds apart: a window's later calls would end early if it aborted at its first's
    // deadline (timers firing late under load can hide that here; deadline-window.test.ts checks it exactly).
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 6; i++) {
      calls.push(
        api.getWallet(`cust_deadline${i}`).then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const error of await Promise.all(calls))
      expect(failureOf(error)).toMatchObject({ cancelled: false, isOutage: true, maybeApplied: true });
    expect(spans).toHaveLength(6);
    // Timers may fire up to a millisecond early against performance.now(); never a window early.
    for (const span of spans) expect(span).toBeGreaterThanOrEqual(TIMEOUT_MS - 1);
  });

  it("the Fetch handler answers 504 upstream_timeout and the breaker counts it", async () => {
    const proxy = createCredytProxy({
      apiKey: "key_test_shareddeadline000000",
      apiUrl: url,
      origin: "http://app.test",
      timeoutMs: 100,
      circuitBreaker: { threshold: 2, cooldownMs: 60_000 },
      getCustomerId: ({ request }) => request.headers.get("x-session-user"),
    });
    const wallet = (customer: string) =>
      new Request("http://app.test/api/credyt/wallet", { headers: { "x-session-user": customer } });
    const answers = await Promise.all([proxy(wallet("cust_late1")), proxy(wallet("cust_late2"))]);
    for (const answer of answers) await expectError(answer, 504, "upstream_timeout");
    await expectError(await proxy(wallet("cust_late3")), 503, "unavailable");
  });
});
