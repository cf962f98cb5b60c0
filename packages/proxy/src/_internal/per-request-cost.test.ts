import { createServer } from "node:http";
import { listen } from "@repo/tooling/server";
import { afterEach, describe, expect, it } from "vitest";
import { bodyCarriesSecret, containsSecret } from "./contains-secret";
import { customerRefs } from "./customer-ref";
import { bodyTextOf, jsonText } from "./respond";
import { callUpstream, failureOf, UPSTREAM_TIMEOUT_MS } from "./upstream";
import { createUpstreamFetch } from "./upstream-pool";

// Issue 26: the shortcuts that cut the proxy's per-request cost must give exactly the answers of the long way.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe("customer reference: node:crypto and WebCrypto agree", () => {
  it("gives the same reference with process.getBuiltinModule (sync HMAC) as without it (WebCrypto)", async () => {
    const fast = customerRefs("key_same");
    const proc = process as { getBuiltinModule?: unknown };
    const original = proc.getBuiltinModule;
    proc.getBuiltinModule = undefined;
    let slow: (id: string) => string | Promise<string>;
    try {
      slow = customerRefs("key_same");
    } finally {
      proc.getBuiltinModule = original;
    }
    expect(typeof original).toBe("function");
    for (const id of ["cust_alice", "cust_bob", "cust_ünïcode_😀", "c"]) expect(await fast(id)).toBe(await slow(id));
  });
});

describe("bodyCarriesSecret: the text scan never misses what the value walk finds", () => {
  const key = "key_test_4f9c2a7b1e";
  const b64 = (s: string) => btoa(s);
  const cases: [string, unknown][] = [
    ["plain", { a: "nothing here", n: 1 }],
    ["raw key", { a: `x${key}y` }],
    ["escaped key", JSON.parse(`{"a":"\\u006bey_test_4f9c2a7b1e"}`)],
    ["percent key", { a: encodeURIComponent(`${key}`).replace(/_/g, "%5F") }],
    ["twice percent", { a: encodeURIComponent(encodeURIComponent(`?k=${key}&`)).replace(/_/g, "%255F") }],
    ["base64 key", { url: `https://x.test/?t=${b64(`ab${key}cd`)}` }],
    ["base64url key in a key", { [b64(`a${key}`).replace(/\+/g, "-").replace(/\//g, "_")]: 1 }],
    ["escaped slash base64", JSON.parse(JSON.stringify({ t: b64(`??${key}`) }).replace(/\//g, "\\/"))],
  ];
  for (const [name, value] of cases) {
    it(`agrees with containsSecret: ${name}`, () => {
      const text = name === "escaped key" ? `{"a":"\\u006bey_test_4f9c2a7b1e"}` : JSON.stringify(value);
      const expected = text.includes(key) || containsSecret(value, key);
      expect(bodyCarriesSecret(text, value, key)).toBe(expected);
      if (name !== "plain") expect(expected).toBe(true);
    });
  }
});

describe("jsonText keeps its text for the Node adapter", () => {
  it("answers the exact body text beside the stream, which still reads the same", async () => {
    const body = '{"available":14.566678000000000001}';
    const response = jsonText(200, body, "req_1");
    expect(bodyTextOf(response)).toBe(body);
    expect(await response.text()).toBe(body);
    expect(bodyTextOf(new Response(body))).toBeUndefined();
  });
});

describe("the pool bounds a call with undici's timeouts, without a signal", () => {
  it("marks itself as timing calls out, and a silent Credyt is an upstream_timeout", async () => {
    const server = createServer(() => {}); // never answers
    const running = await listen(server);
    cleanups.push(() => running.close());
    const fetch = createUpstreamFetch();
    cleanups.push(() => fetch.close());
    expect((fetch as unknown as Record<symbol, unknown>)[UPSTREAM_TIMEOUT_MS]).toBe(true);
    const error = await callUpstream(
      { apiKey: "key_test", apiUrl: running.url, timeoutMs: 150, fetch },
      { method: "POST", path: "/top-ups", body: {} },
    ).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe("upstream_timeout");
    expect(failureOf(error)?.maybeApplied).toBe(true);
  });

  // undici's timers tick about every half second: the bound holds to within a second (the default is 10 s).
  it("does not send a call that waited for a free connection past the timeout", async () => {
    let seen = 0;
    const server = createServer((_req, res) => {
      seen += 1;
      setTimeout(() => res.end("{}"), 2_500).unref();
    });
    const running = await listen(server);
    cleanups.push(() => running.close());
    const fetch = createUpstreamFetch({ connections: 1 });
    cleanups.push(() => fetch.close());
    const access = { apiKey: "key_test", apiUrl: running.url, timeoutMs: 200, fetch };
    const calls = [0, 1].map((i) =>
      callUpstream(access, { method: "POST", path: `/c${i}`, body: {} }).catch((e: unknown) => e),
    );
    const [first, second] = await Promise.all(calls);
    expect((first as { code?: string }).code).toBe("upstream_timeout");
    expect((second as { code?: string }).code).toBe("upstream_timeout");
    expect(seen).toBe(1);
  });
});

describe("a read's limit and its upstream budget charge reach a shared store together", () => {
  it("sends both hits in the same event-loop turn (one pipeline, one round trip), once per read", async () => {
    const { createCredytProxy } = await import("./create-credyt-proxy");
    const { createMemoryStore } = await import("./memory-store");
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn += 1;
      if (ticking) setImmediate(tick);
    };
    tick();
    const hits: { key: string; turn: number }[] = [];
    const store = {
      async hit(key: string) {
        hits.push({ key, turn });
        await new Promise((resolve) => setImmediate(resolve));
        return { count: 1, resetMs: 60_000 };
      },
    };
    const wallet =
      '{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":14.566678,"pending_in":0,"pending_out":0}]}';
    let customer = "cust_a";
    const proxy = createCredytProxy({
      apiKey: "key_test_pipeline",
      apiUrl: "https://credyt.test",
      publicOrigin: "https://app.test",
      getCustomerId: () => customer,
      rateLimit: false,
      store: { ...createMemoryStore(), rateLimit: store },
      getRateLimit: { limit: 100, windowMs: 60_000 },
      upstreamBudget: { limit: 100, windowMs: 60_000 },
      fetch: async () => new Response(wallet, { status: 200, headers: { "content-type": "application/json" } }),
    });
    try {
      for (const id of ["cust_a", "cust_b", "cust_c"]) {
        customer = id;
        const response = await proxy(new Request("https://app.test/api/credyt/wallet"));
        expect(response.status).toBe(200);
      }
    } finally {
      ticking = false;
    }
    for (const id of ["cust_a", "cust_b", "cust_c"]) {
      const mine = hits.filter((h) => h.key.endsWith(id));
      expect(mine.map((h) => h.key).sort()).toEqual([`credyt:rate:get:${id}`, `credyt:upstream:${id}`]);
      expect(new Set(mine.map((h) => h.turn)).size).toBe(1);
    }
  });
});
