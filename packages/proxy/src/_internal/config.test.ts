import { describe, expect, it } from "vitest";
import { createCredytApi } from "../create-credyt-api";
import { createCredytProxy } from "../create-credyt-proxy";

const base = { apiKey: "key_test_x", getCustomerId: () => null };

describe("configuration mistakes fail at creation with a fix", () => {
  it.each([
    [{ ...base, apiKey: "" }, /apiKey` is missing.*process\.env\.CREDYT_API_KEY/],
    [{ ...base, apiKey: undefined }, /apiKey` is missing/],
    [{ ...base, apiKey: "key_a b" }, /whitespace/],
    [{ ...base, apiUrl: "not a url" }, /apiUrl` must be an http\(s\) URL/],
    [{ ...base, apiUrl: "ftp://api.credyt.ai" }, /apiUrl` must be an http\(s\) URL/],
    [{ ...base, getCustomerId: undefined }, /getCustomerId\(ctx\)` is missing/],
    [{ ...base, basePath: "api/credyt" }, /basePath` must be a path/],
    [{ ...base, topUps: { min: 50, max: 10 } }, /min` \(50\) is greater than `topUps.max` \(10\)/],
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
  });
});
