// Property-based fuzzing: 12,000 malformed or hostile requests against the Fetch core.
import { ERROR_STATUS } from "@credyt/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/index";
import { CUSTOMER, FAKE_KEY, fakeUpstream } from "./fake-upstream";

const ORIGIN = "https://shop.example";
// Reproduce a failure with FUZZ_SEED=<seed from the report>.
const replay = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {};
const BASE = `${ORIGIN}/api/credyt`;

async function expectProtocolResponse(response: Response, allowed5xx: number[]) {
  const text = await response.text();
  expect(text).not.toContain(FAKE_KEY);
  response.headers.forEach((value) => {
    expect(value).not.toContain(FAKE_KEY);
  });
  expect(response.headers.get("cache-control")).toBe("no-store");
  if (response.status >= 500) expect(allowed5xx).toContain(response.status);
  if (response.status < 400) return;
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  expect(Object.keys(body)).toEqual(["error"]);
  const { code, message, details } = body.error ?? {};
  expect(typeof code).toBe("string");
  expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS]).toBe(response.status);
  expect(typeof message).toBe("string");
  expect((message as string).length).toBeGreaterThan(0);
  if (details !== undefined) {
    for (const messages of Object.values(details as Record<string, unknown>)) {
      expect(Array.isArray(messages) && messages.every((m) => typeof m === "string")).toBe(true);
    }
  }
}

// --- Requests that are invalid by construction: a valid top-up with one to three defects. ---

type Draft = {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
  signedIn: boolean;
};

const valid = (): Draft => ({
  method: "POST",
  path: "/top-ups",
  query: "",
  headers: { "content-type": "application/json", "idempotency-key": "fuzz-key-123456" },
  body: JSON.stringify({ amount: 10, currency: "USD" }),
  signedIn: true,
});

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "javascript:alert(1)",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example",
    "data:,x",
    "\u0000",
    "../../etc/passwd",
    "%2e%2e%2f",
    "cust_4yd8340ff7fvwe1emfpe87d4w6",
    FAKE_KEY.slice(0, 8),
  ),
);

const badAmount = fc.oneof(
  fc.constantFrom(0, -0, -1, -0.01, 10.001, 1e-7, 1e21, 10_000.01, 1e308, 0.005),
  fc.double({ max: 0, noNaN: true }),
  fc.double({ min: 10_001, noNaN: true, noDefaultInfinity: true }),
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer()),
);

/** Sets a body field; a body that is already not a JSON object stays as broken as it is. */
function merge(d: Draft, key: string, value: unknown): void {
  try {
    const body = JSON.parse(d.body || "{}") as unknown;
    if (typeof body === "object" && body !== null && !Array.isArray(body))
      d.body = JSON.stringify({ ...body, [key]: value });
  } catch {
    // Already malformed: still invalid.
  }
}

type Defect = (draft: Draft) => void;
const defect: fc.Arbitrary<Defect> = fc.oneof(
  hostileString.map((s) => (d: Draft) => {
    let segment: string;
    try {
      segment = encodeURIComponent(s);
    } catch {
      segment = "%ZZ"; // lone surrogates cannot be encoded; a broken escape is just as hostile
    }
    d.path = `/${segment}x`;
  }),
  fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "OPTIONS").map((m) => (d: Draft) => {
    d.method = m;
    if (m === "GET") d.body = "";
  }),
  fc
    .constantFrom("https://evil.example", "null", "http://shop.example", "https://shop.example.evil.example")
    .map((o) => (d: Draft) => {
      d.headers.origin = o;
    }),
  fc
    .constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "application/json; charset=utf-16",
      "",
    )
    .map((t) => (d: Draft) => {
      d.headers["content-type"] = t;
    }),
  fc.constantFrom("customer_id", "customerId", "CUSTOMER").map((k) => (d: Draft) => {
    merge(d, k, "cust_other");
  }),
  fc.constant((d: Draft) => {
    d.query = "?customer_id=cust_other";
  }),
  fc.constant((d: Draft) => {
    d.headers["x-customer-id"] = "cust_other";
  }),
  badAmount.map((amount) => (d: Draft) => {
    merge(d, "amount", amount);
  }),
  fc
    .oneof(fc.constantFrom("EUR", "usd", "XXX", "", "US"), fc.string())
    .filter((c) => c !== "USD")
    .map((currency) => (d: Draft) => {
      merge(d, "currency", currency);
    }),
  fc
    .tuple(fc.string({ minLength: 1 }), fc.jsonValue())
    .filter(([k]) => !["amount", "currency", "asset", "account_name", "description", "return_url"].includes(k))
    .map(([key, value]) => (d: Draft) => {
      merge(d, key, value);
    }),
  hostileString
    .filter((s) => !s.startsWith("/") || s.startsWith("//") || s.includes("\\"))
    .map((return_url) => (d: Draft) => {
      merge(d, "return_url", return_url);
    }),
  fc
    .oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 7 }),
      fc.constant("x".repeat(300)),
      fc.constant("has space 1234"),
    )
    .map((key) => (d: Draft) => {
      if (key === undefined) delete d.headers["idempotency-key"];
      else d.headers["idempotency-key"] = key;
    }),
  fc
    .oneof(fc.string(), fc.constantFrom("{", '{"amount":', "[", "nul", "\ufeff{}"))
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((body) => (d: Draft) => {
      d.body = body;
    }),
  fc.integer({ min: 16_400, max: 40_000 }).map((size) => (d: Draft) => {
    d.body = JSON.stringify({ amount: 10, currency: "USD", description: "x".repeat(size) });
  }),
  fc.constant((d: Draft) => {
    d.signedIn = false;
  }),
  fc.constantFrom("exchange_rate", "destination", "rate").map((k) => (d: Draft) => {
    merge(d, k, 1000);
  }),
  fc.string({ minLength: 201, maxLength: 400 }).map((description) => (d: Draft) => {
    merge(d, "description", description);
  }),
);

const noise = fc.record({
  requestId: fc.option(fc.string({ unit: "binary" })),
  cookie: fc.option(fc.string()),
  accept: fc.option(fc.constantFrom("*/*", "text/html", "application/json")),
});

function toRequest(
  draft: Draft,
  extra: { requestId: string | null; cookie: string | null; accept: string | null },
): Request | null {
  const headers = new Headers();
  try {
    for (const [k, v] of Object.entries(draft.headers)) if (v !== "") headers.set(k, v);
    if (extra.requestId !== null) headers.set("x-request-id", extra.requestId);
    if (extra.cookie !== null) headers.set("cookie", extra.cookie);
    if (extra.accept !== null) headers.set("accept", extra.accept);
  } catch {
    return null; // Not representable as HTTP headers; a real server would never deliver it.
  }
  const bodyless = draft.method === "GET" || draft.method === "HEAD";
  return new Request(`${BASE}${draft.path}${draft.query}`, {
    method: draft.method,
    headers,
    body: bodyless ? null : draft.body,
  });
}

describe("fuzz", () => {
  it("8,000 invalid requests: 4xx only, protocol error shape, never an upstream call, never the key", async () => {
    const upstream = fakeUpstream();
    let signedIn = true;
    const proxy = createCredytProxy({
      apiKey: FAKE_KEY,
      apiUrl: "https://credyt.test",
      fetch: upstream.fetch,
      getCustomerId: () => (signedIn ? CUSTOMER : null),
      rateLimit: false,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(defect, { minLength: 1, maxLength: 3 }), noise, async (defects, extra) => {
        const draft = valid();
        for (const apply of defects) apply(draft);
        const request = toRequest(draft, extra);
        if (!request) return;
        signedIn = draft.signedIn;
        const response = await proxy(request);
        expect(response.status).toBeGreaterThanOrEqual(400);
        await expectProtocolResponse(response, []);
        expect(upstream.calls).toHaveLength(0);
      }),
      { numRuns: 8_000, ...replay },
    );
  }, 120_000);

  it("4,000 arbitrary requests against a misbehaving upstream: no 5xx but 502/503/504, valid shapes, no key", async () => {
    let mode = 0;
    const upstream = fakeUpstream({
      respond: (call) => {
        switch (mode) {
          case 1:
            return new Response(`{"title":"${FAKE_KEY}"`, { status: 200 });
          case 2:
            return new Response("", { status: 429, headers: { "Retry-After": "3" } });
          case 3:
            return new Response("{}", { status: 422 });
          case 4:
            return call.method === "POST" ? new Response(`oops ${FAKE_KEY}`, { status: 500 }) : undefined;
          case 5:
            return new Response('{"accounts":[{"id":"default:USD","available":"NaN"}]}', { status: 200 });
          default:
            return undefined;
        }
      },
    });
    const proxy = createCredytProxy({
      apiKey: FAKE_KEY,
      apiUrl: "https://credyt.test",
      fetch: upstream.fetch,
      getCustomerId: () => CUSTOMER,
      rateLimit: false,
      topUps: { assets: ["USD", "TOK"] },
    });
    const segment = fc.oneof(
      fc.constantFrom("wallet", "top-ups", "billing-portal", "sessions", "default:USD", "default:TOK", "..", ""),
      fc.string(),
    );
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record(
          {
            amount: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(5, 10.5, 99.99)),
            currency: fc.constantFrom("USD", "EUR"),
            asset: fc.option(fc.constantFrom("USD", "TOK", "X"), { nil: undefined }),
          },
          { requiredKeys: ["amount"] },
        )
        .map((v) => JSON.stringify(v)),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            "content-type",
            "origin",
            "idempotency-key",
            "x-request-id",
            "authorization",
            "cookie",
            "connection",
          ),
          fc.string(),
        ),
        body,
        async (m, method, segments, headers, text) => {
          mode = m;
          let request: Request;
          try {
            const path = segments.map((s) => encodeURIComponent(s).replace(/%3A/g, ":")).join("/");
            request = new Request(`${BASE}/${path}`, {
              method,
              headers,
              body: method === "GET" || method === "HEAD" ? null : text,
            });
          } catch {
            return;
          }
          const response = await proxy(request);
          await expectProtocolResponse(response, [502, 503, 504]);
        },
      ),
      { numRuns: 4_000, ...replay },
    );
  }, 120_000);
});
