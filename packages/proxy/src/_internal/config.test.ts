import { describe, expect, it } from "vitest";
import { createCredytApi } from "./create-credyt-api";
import { createCredytProxy } from "./create-credyt-proxy";

const base = { apiKey: "key_test_x", getCustomerId: () => null };

describe("configuration mistakes fail at creation with a fix", () => {
  it.each([
    [{ ...base, apiKey: "" }, /apiKey` is missing.*process\.env\.CREDYT_API_KEY/],
    [{ ...base, apiKey: undefined }, /apiKey` is missing/],
    [{ ...base, apiKey: "key_a b" }, /whitespace/],
    [{ ...base, apiUrl: "not a url" }, /apiUrl` must be an http\(s\) URL/],
    [{ ...base, apiUrl: "ftp://api.credyt.ai" }, /apiUrl` must be an http\(s\) URL/],
    [{ ...base, getCustomerId: undefined }, /identify\(ctx\)` is missing.*getCustomerId\(ctx\)/],
    [{ ...base, identify: () => null }, /give `identify` or `getCustomerId`, not both/],
    [{ ...base, basePath: "api/credyt" }, /basePath` must be a path/],
    [{ ...base, topUps: { min: 50, max: 10 } }, /topUps.min` \(50\) is greater than its max \(10\)/],
    [{ ...base, topUps: { currencies: { USD: { min: 50, max: 10 } } } }, /currencies.USD.min` \(50\) is greater/],
    [{ ...base, topUps: { currencies: ["THB"] } }, /THB, which has no default limits.*THB: \{ min: …, max: … \}/],
    [{ ...base, topUps: { currencies: { THB: { min: 50 } } } }, /THB, which has no default limits/],
    [{ ...base, rateLimit: { reads: { limit: 0 } } }, /rateLimit.reads.limit` must be a positive integer/],
    [{ ...base, rateLimit: { read: false } }, /rateLimit.read` is not an option/],
    [{ ...base, customers: { products: [42] } }, /customers.products` entries must be product codes/],
    [{ ...base, store: {} }, /store.idempotency` must implement/],
    [{ ...base, dev: "yes" }, /`dev` must be true or false/],
    [{ ...base, topUps: { min: -1 } }, /min` must be a positive number/],
    [{ ...base, topUps: { currencies: ["USX"] } }, /unknown currency code "USX"/],
    [{ ...base, topUps: { currencies: ["usd"] } }, /unknown currency code "usd"/],
    [{ ...base, topUps: { currencies: [] } }, /at least one currency/],
    [{ ...base, topUps: { assets: ["bad code"] } }, /invalid asset code/],
    [{ ...base, allowedOrigins: ["https://app.example.com/path"] }, /bare origins/],
    [{ ...base, returnUrl: "javascript:alert(1)" }, /returnUrl` must be an absolute http\(s\) URL/],
    [{ ...base, failureUrl: "//evil.example" }, /failureUrl` must be an absolute http\(s\) URL/],
    [{ ...base, timeoutMs: 0 }, /timeoutMs` must be a positive integer/],
    [{ ...base, rateLimit: { limit: 0, windowMs: 1000 } }, /rateLimit.limit/],
    // Wrong types fail with a fix, not with "x.map is not a function".
    [{ ...base, allowedOrigins: "https://app.example.com" }, /allowedOrigins` must be an array of origins/],
    [{ ...base, allowedOrigins: [42] }, /allowedOrigins` entries must be bare origins.*got 42/],
    [{ ...base, basePath: 42 }, /basePath` must be a path such as "\/api\/credyt", got 42/],
    [{ ...base, topUps: "USD" }, /topUps` must be an object/],
    [{ ...base, topUps: null }, /topUps` must be an object/],
    [
      { ...base, topUps: { currencies: "USD" } },
      /topUps.currencies` must be \{ USD: \{ min, max \} \} or a list of codes/,
    ],
    [{ ...base, topUps: { assets: "TOK" } }, /topUps.assets` must list at least one asset code/],
    [{ ...base, topUps: { assets: [] } }, /topUps.assets` must list at least one asset code/],
    [{ ...base, rateLimit: null }, /rateLimit` must be \{ reads\?, writes\? \} or false/],
    [{ ...base, rateLimit: true }, /rateLimit` must be \{ reads\?, writes\? \} or false/],
    [{ ...base, rateLimit: { limit: "30", windowMs: 1000 } }, /rateLimit.limit` must be a positive integer/],
    [{ ...base, rateLimit: { limit: 5, windowMs: 1000, store: {} } }, /rateLimit.store` must implement `hit`/],
    [{ ...base, topUps: { accountNames: [] } }, /topUps.accountNames` must list at least one account name/],
    [
      { ...base, topUps: { accountNames: ["bad name"] } },
      /topUps.accountNames` has an invalid account name "bad name"/,
    ],
    [{ ...base, getRateLimit: { limit: 0, windowMs: 1000 } }, /getRateLimit.limit` must be a positive integer \(GETs/],
    [{ ...base, getRateLimit: true }, /getRateLimit` must be \{ limit\?, windowMs\? \} or false/],
    [{ ...base, circuitBreaker: { threshold: 0 } }, /circuitBreaker.threshold` must be a positive integer/],
    [{ ...base, circuitBreaker: { cooldownMs: -5 } }, /circuitBreaker.cooldownMs` must be a positive integer/],
    [{ ...base, circuitBreaker: "on" }, /circuitBreaker` must be \{ threshold\?, cooldownMs\? \} or false/],
    [{ ...base, idempotencyStore: { claim() {} } }, /idempotencyStore` must implement `claim`, `complete`, `release`/],
    [{ ...base, trustProxy: "yes" }, /trustProxy` must be true or false/],
    [
      { ...base, publicOrigin: "app.example.com" },
      /publicOrigin` must be your app's public origin.*https:\/\/app\.example\.com/,
    ],
    [{ ...base, publicOrigin: "https://app.example.com/shop" }, /publicOrigin` must be your app's public origin/],
    [{ ...base, publicOrigin: "ftp://app.example.com" }, /publicOrigin` must be your app's public origin/],
    // Limits nothing could meet.
    [{ ...base, topUps: { max: 0 } }, /topUps.max` must be a positive number or decimal string/],
    [{ ...base, topUps: { max: "0.00" } }, /topUps.max` must be a positive number or decimal string/],
    [{ ...base, topUps: { min: 0 } }, /topUps.min` must be a positive number or decimal string/],
    [{ ...base, topUps: { max: Number.NaN } }, /topUps.max` must be a positive number/],
    [{ ...base, topUps: { max: "1e5" } }, /topUps.max` must be a positive number or decimal string/],
    [
      { ...base, topUps: { currencies: { USD: { min: "0.001", max: "0.001" } } } },
      /currencies.USD.max` \(0.001\) is below the smallest USD top-up \(0.01, in whole minor units\)/,
    ],
    [{ ...base, topUps: { currencies: { JPY: { min: 0.5, max: 0.5 } } } }, /below the smallest JPY top-up \(1,/],
    // A max below the currency's default min (5 USD) contradicts it: say so, do not drop to 1 cent.
    [{ ...base, topUps: { currencies: ["USD"], max: "0.01" } }, /topUps.min` \(5\) is greater than its max \(0.01\)/],
    [{ ...base, topUps: { currencies: ["USD"], min: "0.001", max: "0.001" } }, /below the smallest USD top-up/],
    [{ ...base, topUps: { currencies: ["USD", "JPY"], min: "0.5", max: "0.9" } }, /below the smallest JPY top-up/],
    // Timers cannot wait longer than 2^31-1 ms: setTimeout would fire at once and time out every call.
    [{ ...base, timeoutMs: 2 ** 31 }, /timeoutMs` must be a positive integer \(milliseconds\) up to 2147483647/],
    [{ ...base, timeoutMs: "10000" }, /timeoutMs` must be a positive integer/],
    [{ ...base, rateLimit: { limit: 5, windowMs: 2 ** 40 } }, /rateLimit.windowMs` must be a positive integer/],
    // URLs every request would later refuse (or fetch would reject).
    [{ ...base, returnUrl: "/my account" }, /returnUrl` must be a URL .*without spaces/],
    [{ ...base, failureUrl: "https://user:pw@shop.example/" }, /failureUrl` must not contain a user name or password/],
    [
      { ...base, apiUrl: "https://user:pw@api.credyt.ai" },
      /apiUrl` must be an http\(s\) URL without query, hash or credentials/,
    ],
  ])("%#", (options, message) => {
    expect(() => createCredytProxy(options as Parameters<typeof createCredytProxy>[0])).toThrow(message);
  });

  it("never echoes the key in a configuration error", () => {
    try {
      createCredytProxy({ ...base, apiKey: "key_secret_value", apiUrl: "nope" });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("key_secret_value");
    }
  });

  it("accepts a sound configuration", () => {
    expect(() =>
      createCredytProxy({
        ...base,
        apiUrl: "http://127.0.0.1:9999/",
        basePath: "/billing/",
        topUps: { currencies: ["USD", "JPY"], assets: ["USD", "TOK"], min: "0.5", max: 1000 },
        allowedOrigins: ["https://app.example.com"],
        publicOrigin: "https://shop.example.com",
        trustProxy: false,
        returnUrl: "/account",
        failureUrl: "https://app.example.com/failed",
        rateLimit: false,
      }),
    ).not.toThrow();
  });

  it("createCredytApi checks its options too", () => {
    expect(() => createCredytApi({ apiKey: "" })).toThrow(/createCredytApi: `apiKey` is missing/);
    expect(() => createCredytApi({ apiKey: "key_x", apiUrl: "x" })).toThrow(/createCredytApi: `apiUrl`/);
    expect(() => createCredytApi({ apiKey: "key_x", timeoutMs: -5 })).toThrow(/timeoutMs/);
    expect(() => createCredytApi({ apiKey: "key_x", timeoutMs: 2 ** 31 })).toThrow(/timeoutMs.*up to 2147483647/);
    expect(() => createCredytApi({ apiKey: "key_x", fetch: "fetch" as unknown as typeof fetch })).toThrow(
      /createCredytApi: `fetch` must be a function/,
    );
  });

  it("accepts limits that leave at least one payable amount in every currency", () => {
    expect(() =>
      createCredytProxy({ ...base, topUps: { currencies: ["USD"], min: "0.01", max: "0.01" } }),
    ).not.toThrow();
    expect(() =>
      createCredytProxy({ ...base, topUps: { currencies: ["USD", "JPY"], min: "0.001", max: 1 } }),
    ).not.toThrow();
  });
});
