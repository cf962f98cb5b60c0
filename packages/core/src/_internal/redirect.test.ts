// Issue 14, cases 6 and 7 (and issue 13's loopback rule): where a checkout or portal link may send the
// customer, checked in @credyt/core so every consumer of the client gets it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkRedirectUrl } from "./redirect";

afterEach(() => {
  vi.restoreAllMocks();
});

const quiet = () => vi.spyOn(console, "error").mockImplementation(() => undefined);

describe("6. a hostile redirect_url is refused by the client itself, not only by React", () => {
  it.each([
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example/checkout",
    "http://checkout.credyt.ai/pay",
    "https://credyt.ai.evil.example/pay",
    "https://user:pw@checkout.credyt.ai/pay",
    "ftp://credyt.ai/pay",
  ])("refuses %s from https://shop.example", (url) => {
    quiet();
    expect(() => checkRedirectUrl(url, { pageUrl: "https://shop.example/billing" })).toThrow(/Refused to redirect/);
  });

  it.each([
    "https://checkout.credyt.ai/pay?x=1",
    "https://credyt.ai/pay",
    "https://shop.example/same-origin",
    "/relative/path",
  ])("allows %s from https://shop.example", (url) => {
    expect(checkRedirectUrl(url, { pageUrl: "https://shop.example/billing" })).toBe(
      new URL(url, "https://shop.example/billing").href,
    );
  });

  it("names the refused URL and the exact allowedRedirectHosts entry in console.error", () => {
    const error = quiet();
    expect(() =>
      checkRedirectUrl("https://billing.example.org:8443/pay?token=secret", { pageUrl: "https://shop.example/" }),
    ).toThrow(expect.objectContaining({ code: "invalid_response", details: { redirect_url: [expect.any(String)] } }));
    expect(error).toHaveBeenCalledTimes(1);
    const message = String(error.mock.calls[0]?.[0]);
    expect(message).toContain("https://billing.example.org:8443/pay?…");
    expect(message).not.toContain("secret"); // checkout tokens stay out of the console
    expect(message).toContain('add "billing.example.org:8443" to `allowedRedirectHosts`');
    // …and that entry really allows it.
    expect(
      checkRedirectUrl("https://billing.example.org:8443/pay", {
        pageUrl: "https://shop.example/",
        allowedHosts: ["billing.example.org:8443"],
      }),
    ).toBe("https://billing.example.org:8443/pay");
  });

  it("never follows a non-http(s) scheme, whatever the allowlist", () => {
    quiet();
    for (const scheme of ["javascript", "data", "vbscript", "file", "blob", "ftp", "JavaScript"]) {
      for (const rest of ["alert(1)", "//localhost/x", "//credyt.ai/pay", "text/html,x"]) {
        expect(() =>
          checkRedirectUrl(`${scheme}:${rest}`, {
            pageUrl: "http://localhost:5173/",
            allowedHosts: ["*", "localhost"],
          }),
        ).toThrow();
      }
    }
  });
});

describe("7. the page's own origin is compared in full: scheme, host and port", () => {
  it.each([
    ["https://shop.example/", "https://shop.example:8443/pay"],
    ["https://shop.example/", "http://shop.example/pay"],
    ["http://shop.example/", "http://shop.example/pay"], // http only on a loopback page
    ["https://shop.example:8443/", "https://shop.example/pay"],
  ])("from %s refuses %s", (page, url) => {
    quiet();
    expect(() => checkRedirectUrl(url, { pageUrl: page })).toThrow(/Refused to redirect/);
  });

  it("allows the exact same origin", () => {
    expect(checkRedirectUrl("https://shop.example:8443/pay", { pageUrl: "https://shop.example:8443/" })).toBe(
      "https://shop.example:8443/pay",
    );
  });
});

describe("issue 13: a loopback page allows loopback redirect hosts on any port (the local emulator)", () => {
  it.each([
    ["http://localhost:5173/", "http://127.0.0.1:4010/api/sign-in?token=x"],
    ["http://localhost:5173/", "http://localhost:4010/checkout"],
    ["http://127.0.0.1:3000/", "http://[::1]:4010/checkout"],
    ["http://[::1]:3000/", "https://localhost:4443/checkout"],
  ])("from %s allows %s", (page, url) => {
    expect(checkRedirectUrl(url, { pageUrl: page })).toBe(new URL(url).href);
  });

  it("but not from a production page, nor to a non-loopback http host", () => {
    quiet();
    expect(() => checkRedirectUrl("http://localhost:4010/x", { pageUrl: "https://shop.example/" })).toThrow();
    expect(() => checkRedirectUrl("http://192.168.1.5:4010/x", { pageUrl: "http://localhost:5173/" })).toThrow();
  });
});
