// The host's signal reaches every upstream call a request makes (issue 26), not only wallet reads, top-ups
// and portal sessions: the usage reads, the quote's asset read, the customer directory and the top-up
// look-up. An abort while the incoming request was aborted is then the host's cancellation (502, never
// counted by the breaker); without the signal it would pass for the configured fetch's own timeout (504, an
// outage). Real emulator on a loopback port; the "host" aborts the incoming request and with it the call.
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoints } from "../src/_internal/endpoints";
import type { Exchange } from "../src/_internal/exchange";
import { UpstreamGuard } from "../src/_internal/guard";
import { lookUpTopUp } from "../src/_internal/top-up-lookup";
import { createCredyt, createCredytProxy } from "../src/index";
import { expectError } from "./helpers";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator?.close();
});

/**
 * The host: while `incoming` is set, a call whose URL matches `cancels` ends the incoming request (its signal
 * aborts) and rejects as an aborted fetch does; every other call goes through.
 */
function host(cancels: RegExp) {
  const state: { incoming: AbortController | undefined; cancelled: string[] } = { incoming: undefined, cancelled: [] };
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (!state.incoming || !cancels.test(url)) return fetch(input, init);
    state.cancelled.push(url.replace(/^https?:\/\/[^/]+/, ""));
    state.incoming.abort();
    throw new DOMException("This operation was aborted", "AbortError");
  };
  return { state, fetch: fetchFn as typeof fetch };
}

const BREAKER = { threshold: 2, cooldownMs: 60_000 };

describe("the host's cancellation of a request's other upstream calls", () => {
  it.each([
    ["usage history (GET /events)", "/usage", /\/events\?/],
    ["usage summary (GET /events)", "/usage/summary?tz=UTC", /\/events\?/],
    ["quote (GET /assets/{code})", "/quote?asset=TOK&currency=USD&amount=10", /\/assets\//],
  ])("%s: 502, not a 504 timeout, and the breaker does not count it", async (_name, route, cancels) => {
    const { state, fetch } = host(cancels);
    const proxy = createCredytProxy({
      apiKey: emulator.apiKey,
      apiUrl: emulator.url,
      origin: "http://app.test",
      fetch,
      circuitBreaker: BREAKER,
      // TOK must be a top-up asset for /quote to read it (the default top-ups credit the currency itself).
      topUps: { currencies: ["USD"], assets: ["USD", "TOK"], min: 1, max: 500 },
      getCustomerId: () => DEMO_CUSTOMER_ID,
    });
    for (let i = 0; i < 3; i++) {
      state.incoming = new AbortController();
      const response = await proxy(
        new Request(`http://app.test/api/credyt${route}`, { signal: state.incoming.signal }),
      );
      await expectError(response, 502, "upstream_error");
    }
    expect(state.cancelled.length).toBeGreaterThanOrEqual(3);
    state.incoming = undefined;
    // Had the three counted as timeouts, the breaker (threshold 2) would answer 503 here.
    expect((await proxy(new Request(`http://app.test/api/credyt${route}`))).status).toBe(200);
  });

  it("the customer directory (GET /customers?external_id=): 502, not a 504 timeout", async () => {
    const { state, fetch } = host(/\/customers\?external_id=/);
    const credyt = createCredyt({
      apiKey: emulator.apiKey,
      apiUrl: emulator.url,
      origin: "http://app.test",
      fetch,
      circuitBreaker: BREAKER,
      identify: ({ request }) => ({ externalId: request.headers.get("x-user") ?? "nobody" }),
    });
    const wallet = (user: string, signal?: AbortSignal) =>
      credyt.fetch(new Request("http://app.test/api/credyt/wallet", { headers: { "x-user": user }, signal }));
    for (let i = 0; i < 3; i++) {
      state.incoming = new AbortController();
      await expectError(
        await wallet(`user_hostcancel_${i}_${Date.now()}`, state.incoming.signal),
        502,
        "upstream_error",
      );
    }
    expect(state.cancelled).toHaveLength(3);
    state.incoming = undefined;
    expect((await wallet(`user_hostcancel_alive_${Date.now()}`)).status).toBe(200);
  });

  it("the top-up look-up (GET /top-ups?customer_id=): the breaker does not count it", async () => {
    const { state, fetch } = host(/\/top-ups\?/);
    const guard = new UpstreamGuard(BREAKER);
    const api = endpoints({ apiKey: emulator.apiKey, apiUrl: emulator.url, timeoutMs: 5_000, fetch, guard });
    // Three customers (the breaker needs failures for three before it opens), each request cancelled by its host.
    for (let i = 0; i < 3; i++) {
      state.incoming = new AbortController();
      const exchange = {
        api,
        customerId: `cust_lookup${i}`,
        requestId: `req_lookup${i}`,
        request: new Request("http://app.test/api/credyt/top-ups", { method: "POST", signal: state.incoming.signal }),
      } as unknown as Exchange<unknown>;
      expect(await lookUpTopUp(exchange, "tag")).toEqual({ state: "unknown" });
    }
    expect(state.cancelled).toHaveLength(3);
    state.incoming = undefined;
    // Still closed: a call goes out and is answered.
    expect((await api.getWallet(DEMO_CUSTOMER_ID)).json).toMatchObject({ accounts: expect.any(Array) });
  });
});
