import { describe, expect, it, vi } from "vitest";
import { checkRedirect } from "./redirect";

describe("checkRedirect", () => {
  it.each([
    ["javascript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["https://evil.example/checkout"],
    ["http://checkout.credyt.ai/pay"],
    ["https://credyt.ai.evil.example/pay"],
    ["ftp://credyt.ai/pay"],
  ])("refuses %s", (url) => {
    expect(() => checkRedirect(url)).toThrow(/Refused to redirect/);
  });

  it.each([
    ["https://checkout.credyt.ai/pay?x=1"],
    ["https://credyt.ai/pay"],
    [`${location.origin}/same-origin`],
    ["/relative/path"],
    ["http://localhost:4010/api/sign-in?token=x"],
  ])("allows %s", (url) => {
    expect(checkRedirect(url)).toBe(new URL(url, location.href).href);
  });

  it("uses `allowedRedirectHosts` instead of the default list", () => {
    expect(checkRedirect("https://pay.example.com/x", ["*.example.com"])).toBe("https://pay.example.com/x");
    expect(checkRedirect("https://billing.example.org:8443/x", ["billing.example.org:8443"])).toBe(
      "https://billing.example.org:8443/x",
    );
    expect(() => checkRedirect("https://checkout.credyt.ai/x", ["*.example.com"])).toThrow(/allowedRedirectHosts/);
  });
});

describe("checkRedirect delegates to @credyt/core's checkRedirectUrl", () => {
  it("logs the refused URL and the exact allowedRedirectHosts entry to the console", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(() => checkRedirect("https://billing.example.org/pay", [])).toThrow(/Refused to redirect/);
    expect(String(error.mock.calls[0]?.[0])).toContain('add "billing.example.org" to `allowedRedirectHosts`');
    error.mockRestore();
  });
});
