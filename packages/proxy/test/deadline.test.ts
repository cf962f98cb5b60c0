// Client and proxy timeouts line up (issue 22, item 4): both derive from @credyt/core's PROXY_DEADLINE_MS.
// A slow, failing Credyt makes the proxy retry; the browser client still gets the proxy's own 504
// `upstream_timeout`, never its `timeout` of giving up while the proxy was still working.
import { createCredytClient, DEFAULT_CLIENT_TIMEOUT_MS, PROXY_DEADLINE_MS } from "@credyt/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCredyt, createCredytProxy } from "../src/index";
import { CUSTOMER, FAKE_KEY } from "./fake-upstream";
import { BASE, ORIGIN } from "./helpers";

beforeEach(() => {
  // Only the clock: the customer reference is hashed with WebCrypto, which settles in real time.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A Credyt that answers 503 after `delayMs` every time: the proxy retries its GETs. */
function slowFailingCredyt(delayMs: number) {
  const calls: string[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(String(input));
    return new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(() => resolve(new Response('{"error":"busy"}', { status: 503 })), delayMs);
      init?.signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new DOMException("aborted", "AbortError"));
      });
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

describe("the browser client never gives up while the proxy still works", () => {
  it("the client's default timeout is the proxy's deadline plus a network margin", () => {
    expect(DEFAULT_CLIENT_TIMEOUT_MS).toBeGreaterThan(PROXY_DEADLINE_MS);
    expect(DEFAULT_CLIENT_TIMEOUT_MS - PROXY_DEADLINE_MS).toBeGreaterThanOrEqual(2_000);
  });

  it("a retrying proxy answers 504 upstream_timeout at its deadline, and the client reports that answer", async () => {
    const credyt = slowFailingCredyt(9_000);
    const proxy = createCredytProxy({
      apiKey: FAKE_KEY,
      apiUrl: "https://credyt.test",
      origin: ORIGIN,
      fetch: credyt.fetch,
      getCustomerId: () => CUSTOMER,
    });
    const client = createCredytClient({ baseUrl: BASE, fetch: (input, init) => proxy(new Request(input, init)) });
    let settled: unknown;
    const wallet = client.getWallet().then(
      () => {
        settled = "resolved";
      },
      (error: unknown) => {
        settled = error;
      },
    );
    while (credyt.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(PROXY_DEADLINE_MS - 1);
    // Credyt failed once and the proxy is on its retry: still nothing for the browser.
    expect(settled).toBeUndefined();
    expect(credyt.calls.length).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await wallet;
    expect(settled).toMatchObject({ code: "upstream_timeout", status: 504 });
  });

  it("createCredyt refuses a Credyt timeout longer than the deadline, saying why", async () => {
    const credyt = createCredyt({
      apiKey: FAKE_KEY,
      origin: ORIGIN,
      getCustomerId: () => CUSTOMER,
      timeoutMs: PROXY_DEADLINE_MS + 1,
    });
    const answer = await credyt.fetch(new Request(`${BASE}/wallet`));
    expect(answer.status).toBe(500);
    vi.useRealTimers();
    expect(() =>
      createCredytProxy({ apiKey: FAKE_KEY, origin: ORIGIN, getCustomerId: () => CUSTOMER, timeoutMs: 20_000 }),
    ).toThrow(/timeoutMs.*PROXY_DEADLINE_MS/);
  });
});
