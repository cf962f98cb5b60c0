// The security rules end to end: browser → node:http proxy → recording relay → emulator, all on real ports.
import { createServer, type IncomingHttpHeaders } from "node:http";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { type ListeningServer, listen } from "@repo/tooling/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CredytProxyEvent } from "../src/index";
import { createCredytProxy } from "../src/node";

let emulator: RunningEmulator;
let relay: ListeningServer;
let app: ListeningServer;
let base: string;
const seenUpstream: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
const events: CredytProxyEvent[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  // Records what the proxy sends upstream, then forwards it to the emulator unchanged.
  const relayServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      seenUpstream.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string" && k !== "host" && k !== "connection") headers.set(k, v);
      const upstream = await fetch(`${emulator.url}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "GET" ? null : Buffer.concat(chunks),
      });
      res.statusCode = upstream.status;
      res.setHeader("content-type", upstream.headers.get("content-type") ?? "application/json");
      res.end(Buffer.from(await upstream.arrayBuffer()));
    });
  });
  relay = await listen(relayServer);
  const relayUrl = relay.url;
  const appServer = createServer(
    createCredytProxy({
      apiKey: emulator.apiKey,
      apiUrl: relayUrl,
      getCustomerId: ({ req }) => (req.headers.cookie?.includes("signed-in") ? DEMO_CUSTOMER_ID : null),
      topUps: { currencies: ["USD"], assets: ["USD", "TOK"], min: 5, max: 100, unitsPerCurrency: () => 1_000_000 },
      allowedOrigins: ["https://app.example"],
      rateLimit: { limit: 6, windowMs: 60_000 },
      onEvent: (event) => {
        events.push(event);
      },
    }),
  );
  app = await listen(appServer);
  base = `${app.url}/api/credyt`;
});

afterAll(async () => {
  for (const server of [app, relay]) await server?.close();
  await emulator?.close();
});

const browser = { Cookie: "session=signed-in", Authorization: "Bearer browser-token" };
let k = 0;
const topUp = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/top-ups`, {
    method: "POST",
    headers: {
      ...browser,
      "Content-Type": "application/json",
      "Idempotency-Key": `rules-key-${++k}-${Date.now()}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });

describe("security rules against the emulator", () => {
  it("sends the key and the request id upstream, never the browser's cookie or authorization", async () => {
    seenUpstream.length = 0;
    const response = await fetch(`${base}/wallet`, { headers: { ...browser, "X-Request-Id": "trace-42" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("trace-42");
    const sent = seenUpstream[0]?.headers ?? {};
    expect(sent["x-credyt-api-key"]).toBe(emulator.apiKey);
    expect(sent["x-request-id"]).toBe("trace-42");
    expect(sent.cookie).toBeUndefined();
    expect(sent.authorization).toBeUndefined();
    expect(seenUpstream[0]?.url).toBe(`/customers/${DEMO_CUSTOMER_ID}/wallet`);
  });

  it("applies the server's exchange rate to a TOK top-up and marks the URLs", async () => {
    const response = await topUp({ amount: 20, currency: "USD", asset: "TOK", return_url: "https://app.example/done" });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const created = emulator.emulator.getTopUp(id) as unknown as Record<string, unknown>;
    expect(created).toMatchObject({
      amount: 20,
      destination: { asset: "TOK", exchange_rate: 1_000_000 },
      return_url: "https://app.example/done?credyt_return=top_up",
      failure_url: "https://app.example/done?credyt_return=failed",
    });
    expect(events.at(-1)).toMatchObject({ type: "top_up.created", topUpId: id, amount: 20, asset: "TOK" });
  });

  it("rejects a browser exchange rate, a foreign return URL and out-of-range amounts without calling Credyt", async () => {
    seenUpstream.length = 0;
    for (const body of [
      { amount: 20, currency: "USD", exchange_rate: 5 },
      { amount: 20, currency: "USD", return_url: "https://evil.example/" },
      { amount: 20, currency: "USD", return_url: "//evil.example/" },
      { amount: 4.99, currency: "USD" },
      { amount: 100.01, currency: "USD" },
      { amount: 20.001, currency: "USD" },
    ]) {
      const response = await topUp(body);
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
    expect(seenUpstream).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({ type: "request.rejected", status: 422 });
  });

  it("portal sessions: marked portal return, allowed origin passes, foreign Origin is 403", async () => {
    const ok = await fetch(`${base}/billing-portal/sessions`, {
      method: "POST",
      headers: { ...browser, "Content-Type": "application/json", Origin: "https://app.example" },
      body: "{}",
    });
    expect(ok.status).toBe(201);
    expect(events.at(-1)).toMatchObject({ type: "portal_session.created", customerId: DEMO_CUSTOMER_ID });
    const foreign = await fetch(`${base}/billing-portal/sessions`, {
      method: "POST",
      headers: { ...browser, "Content-Type": "application/json", Origin: "https://evil.example" },
      body: "{}",
    });
    expect(foreign.status).toBe(403);
  });

  it("rate limits POSTs per customer with Retry-After", async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const response = await topUp({ amount: 5, currency: "USD" });
      if (response.status === 429) limited = response;
    }
    if (!limited) throw new Error("expected a 429 within 10 POSTs");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  });

  it("never shows the key: not in bodies, headers or events", async () => {
    const responses = await Promise.all([
      fetch(`${base}/wallet`, { headers: browser }),
      fetch(`${base}/wallet/default:XYZ`, { headers: browser }),
      fetch(`${base}/nope`, { headers: browser }),
      fetch(`${base}/wallet`),
      topUp({ amount: 1e9, currency: "USD" }),
    ]);
    for (const response of responses) {
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.text()).not.toContain(emulator.apiKey);
      response.headers.forEach((value) => {
        expect(value).not.toContain(emulator.apiKey);
      });
    }
    expect(JSON.stringify(events)).not.toContain(emulator.apiKey);
  });
});
