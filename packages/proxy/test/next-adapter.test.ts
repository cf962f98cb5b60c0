import { describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/next";
import { CUSTOMER, FAKE_KEY, fakeUpstream } from "./fake-upstream";

// Next.js gives route handlers `http://localhost:3000/...` even when the browser used another host.
const nextRequest = (path: string, browserHost: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set("host", browserHost);
  return new Request(`http://localhost:3000${path}`, { ...init, headers });
};

describe("@credyt/proxy/next", () => {
  const setup = () => {
    const upstream = fakeUpstream();
    const { GET, POST } = createCredytProxy({
      apiKey: FAKE_KEY,
      apiUrl: "https://credyt.test",
      fetch: upstream.fetch,
      getCustomerId: () => CUSTOMER,
    });
    return { upstream, GET, POST };
  };
  const topUp = (origin: string) => ({
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": "next-key-123456", Origin: origin },
    body: JSON.stringify({ amount: 10, currency: "USD", return_url: "/credits" }),
  });

  it("judges same-origin by the Host the browser used, not Next's listening URL", async () => {
    const { upstream, POST } = setup();
    const response = await POST(nextRequest("/api/credyt/top-ups", "127.0.0.1:3000", topUp("http://127.0.0.1:3000")));
    expect(response.status).toBe(201);
    const sent = upstream.calls[0]?.body as { return_url: string };
    expect(sent.return_url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/credits\?credyt_return=top_up$/);
  });

  it("still refuses another site's Origin", async () => {
    const { upstream, POST } = setup();
    const response = await POST(nextRequest("/api/credyt/top-ups", "127.0.0.1:3000", topUp("https://evil.example")));
    expect(response.status).toBe(403);
    expect(upstream.calls).toHaveLength(0);
  });

  it("serves GET through the same handler", async () => {
    const { GET } = setup();
    const response = await GET(nextRequest("/api/credyt/wallet", "app.example"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
