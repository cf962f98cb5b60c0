// Hostile and mistaken requests to the live wallet stream: the same rules as every other route, plus its cap.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { CUSTOMER, FAKE_KEY, WALLET_TEXT } from "./fake-upstream";
import { BASE, expectError, get, ORIGIN, setup } from "./helpers";
import { readSse, type SseReader } from "./sse";

const open: SseReader[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((reader) => reader.cancel()));
});

function keep(response: Response): SseReader {
  expect(response.status).toBe(200);
  const reader = readSse(response.body as ReadableStream<Uint8Array>);
  open.push(reader);
  return reader;
}

describe("GET /wallet/stream under attack", () => {
  it("401 with nobody signed in, before reading anything or holding a stream", async () => {
    const { proxy, upstream } = setup({ getCustomerId: () => null });
    await expectError(await proxy(get("/wallet/stream")), 401, "unauthorized");
    expect(upstream.calls).toHaveLength(0);
    expect(proxy.streamStats()).toMatchObject({ streams: 0, customers: 0 });
  });

  it("never streams another customer's wallet: a customer named by the browser is refused (422)", async () => {
    const { proxy, upstream } = setup();
    for (const request of [
      get("/wallet/stream?customer_id=cust_other"),
      get("/wallet/stream?last_event_id=cust_other"),
      get("/wallet/stream", { "X-Customer-Id": "cust_other" }),
    ]) {
      await expectError(await proxy(request), 422, "invalid_request");
    }
    // Not a route at all: 404 before any customer is looked at.
    await expectError(await proxy(get("/wallet/stream/cust_other")), 404, "not_found");
    await expectError(await proxy(get("/wallet/stream/x")), 404, "not_found");
    await expectError(await proxy(get("/wallet/stream?account=default:USD")), 422, "invalid_request");
    expect(upstream.calls).toHaveLength(0);
  });

  it("streams the session's customer only, whatever Last-Event-ID claims", async () => {
    const { proxy, upstream } = setup();
    const reader = keep(await proxy(get("/wallet/stream", { "Last-Event-ID": "w0000000000000000" })));
    expect((await reader.next()).data).toBe(WALLET_TEXT);
    expect(upstream.calls.map((call) => call.path)).toEqual([`/customers/${CUSTOMER}/wallet`]);
  });

  it("403 for a foreign Origin; the page's own origin and allowed origins stream", async () => {
    const { proxy } = setup({ allowedOrigins: ["https://www.shop.example"] });
    for (const origin of ["https://evil.example", "null", "https://shop.example.evil.example"]) {
      await expectError(await proxy(get("/wallet/stream", { Origin: origin })), 403, "forbidden");
    }
    keep(await proxy(get("/wallet/stream", { Origin: ORIGIN })));
    keep(await proxy(get("/wallet/stream", { Origin: "https://www.shop.example" })));
  });

  it("405 for anything but GET", async () => {
    const { proxy } = setup();
    for (const method of ["POST", "PUT", "DELETE"]) {
      const response = await proxy(new Request(`${BASE}/wallet/stream`, { method }));
      await expectError(response, 405, "method_not_allowed");
      expect(response.headers.get("allow")).toBe("GET");
    }
  });

  it("caps open streams per customer (429 with Retry-After); closing one frees a place", async () => {
    const { proxy } = setup({ streams: { maxStreamsPerCustomer: 2 } });
    keep(await proxy(get("/wallet/stream")));
    const second = keep(await proxy(get("/wallet/stream")));
    const refused = await proxy(get("/wallet/stream"));
    expect(refused.headers.get("retry-after")).toBe("5");
    const error = await expectError(refused, 429, "rate_limited");
    expect(error.message).toMatch(/at most 2/);
    open.splice(open.indexOf(second), 1);
    await second.cancel();
    keep(await proxy(get("/wallet/stream")));
    expect(proxy.streamStats().streams).toBe(2);
  });

  it("never sends the key, in the stream or in its errors", async () => {
    const { proxy } = setup({}, (call) =>
      call.path.endsWith("/wallet") ? new Response(`{"accounts":[],"k":"${FAKE_KEY}"}`, { status: 200 }) : undefined,
    );
    const response = await proxy(get("/wallet/stream"));
    const text = await response.text();
    expect(response.status).toBe(502);
    expect(text).not.toContain(FAKE_KEY);
    expect(proxy.streamStats().streams).toBe(0);
  });

  it("2,000 hostile resumes and queries: a stream or a 4xx in the protocol's shape, never a 5xx or the key", async () => {
    const { proxy } = setup({ streams: { maxStreamsPerCustomer: 1_000_000 } });
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("w0000000000000000", "cust_x"));
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        fc.constantFrom("last_event_id", "customer", "x", "Last-Event-ID"),
        async (header, query, name) => {
          const headers: Record<string, string> = {};
          try {
            new Headers({ "Last-Event-ID": header });
            headers["Last-Event-ID"] = header;
          } catch {
            // not a header value a browser could send
          }
          const response = await proxy(
            get(`/wallet/stream?${encodeURIComponent(name)}=${encodeURIComponent(query)}`, headers),
          );
          if (response.status === 200) {
            expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
            await response.body?.cancel();
            return;
          }
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          const body = await response.text();
          expect(body).not.toContain(FAKE_KEY);
          expect(Object.keys(JSON.parse(body))).toEqual(["error"]);
        },
      ),
      { numRuns: 2_000 },
    );
    expect(proxy.streamStats().streams).toBe(0);
  }, 60_000);
});
