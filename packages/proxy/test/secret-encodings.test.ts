// Threat: "a percent-encoded or base64 key inside a redirect_url passes the key filter" (issue 25, item 5).
// The proxy forwards Credyt's body verbatim, so a redirect_url carrying the key in any usual encoding is
// refused (502) before it reaches the browser, which would send it on to the page it opens.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containsSecret } from "../src/_internal/contains-secret";
import { FAKE_KEY } from "./fake-upstream";
import { expectError, setup, topUpRequest } from "./helpers";

const b64 = (text: string) => Buffer.from(text).toString("base64");
const b64url = (text: string) => Buffer.from(text).toString("base64url");
const allBytes = (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");

const encodings: [string, string][] = [
  ["percent-encoded, every byte", allBytes(FAKE_KEY)],
  ["percent-encoded, upper case", allBytes(FAKE_KEY).toUpperCase()],
  ["percent-encoded twice", encodeURIComponent(allBytes(FAKE_KEY))],
  ["base64", b64(FAKE_KEY)],
  ["base64 after 1 byte", b64(`x${FAKE_KEY}`)],
  ["base64 after 2 bytes, URL-safe", b64url(`xy${FAKE_KEY}!`)],
  ["base64 inside a JSON token", b64(JSON.stringify({ sub: "cust_1", k: FAKE_KEY }))],
  ["base64, then percent-encoded", encodeURIComponent(b64(`??${FAKE_KEY}`))],
];

describe("encoded forms of the key in a redirect_url are filtered", () => {
  it.each(encodings)(
    "refuses a top-up whose redirect_url carries the key %s (502, key never forwarded)",
    async (_, form) => {
      const { proxy } = setup({}, (call) =>
        call.method === "POST"
          ? new Response(
              JSON.stringify({
                id: "top_4000000000000000000000001",
                status: "initiated",
                redirect_url: `https://billing.credyt.ai/api/sign-in?token=${form}`,
                created_at: "2026-11-25T10:00:00.000000Z",
                expires_at: "2026-11-25T10:10:00Z",
              }),
              { status: 201, headers: { "Content-Type": "application/json" } },
            )
          : undefined,
      );
      const response = await proxy(topUpRequest({ amount: 10, currency: "USD" }, { Origin: "https://shop.example" }));
      const text = await response.clone().text();
      await expectError(response, 502, "upstream_error");
      expect(text).not.toContain(form);
      expect(text).not.toContain(FAKE_KEY);
    },
  );

  it("containsSecret finds the key base64-encoded after any prefix, and percent-encoded", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (before, after) => {
        const text = `${before}${FAKE_KEY}${after}`;
        return (
          containsSecret(b64(text), FAKE_KEY) &&
          containsSecret(b64url(text), FAKE_KEY) &&
          containsSecret({ url: `https://x.example/?t=${encodeURIComponent(b64(text))}` }, FAKE_KEY)
        );
      }),
    );
  });

  it("does not flag ordinary tokens and URLs", () => {
    expect(containsSecret({ redirect_url: "https://billing.credyt.ai/api/sign-in?token=t1" }, FAKE_KEY)).toBe(false);
    expect(containsSecret(b64("key_test_other_9876543210"), FAKE_KEY)).toBe(false);
    expect(containsSecret("%E0%A4%A", FAKE_KEY)).toBe(false);
  });
});
