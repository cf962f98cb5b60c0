// The live wallet stream on the Fetch core: proxy → in-process emulator, read as a browser's EventSource would.
import { createEmulator, DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "@credyt/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { type CredytProxyOptions, createCredytApi, createCredytProxy, type FetchContext } from "../src/index";
import { readSse, type SseReader } from "./sse";

const BASE = "https://shop.example/api/credyt";
const open: SseReader[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((reader) => reader.cancel()));
});

function chain(extra: Partial<CredytProxyOptions<FetchContext>> = {}) {
  const emulator = createEmulator({ admin: true });
  let reads = 0;
  const upstream = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method === "GET" && new URL(request.url).pathname.endsWith("/wallet")) reads += 1;
    return emulator.fetch(request);
  };
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: "http://credyt.test",
    fetch: upstream,
    getCustomerId: ({ request }) => request.headers.get("x-test-user"),
    ...extra,
  });
  async function stream(customer = DEMO_CUSTOMER_ID, headers: Record<string, string> = {}, query = "") {
    const response = await proxy(
      new Request(`${BASE}/wallet/stream${query}`, { headers: { "x-test-user": customer, ...headers } }),
    );
    return response;
  }
  async function reader(customer = DEMO_CUSTOMER_ID, headers: Record<string, string> = {}) {
    const response = await stream(customer, headers);
    expect(response.status).toBe(200);
    const sse = readSse(response.body as ReadableStream<Uint8Array>);
    open.push(sse);
    return sse;
  }
  async function adjust(amount: string, customer = DEMO_CUSTOMER_ID) {
    const response = await emulator.fetch(
      new Request(`http://credyt.test/customers/${customer}/wallet/adjustments`, {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": emulator.apiKey, "Content-Type": "application/json" },
        body: `{"transaction_id":"${crypto.randomUUID()}","asset":"USD","amount":${amount},"reason":"gift"}`,
      }),
    );
    expect(response.status).toBe(201);
  }
  async function walletText(customer = DEMO_CUSTOMER_ID) {
    const response = await proxy(new Request(`${BASE}/wallet`, { headers: { "x-test-user": customer } }));
    return response.text();
  }
  return { emulator, proxy, stream, reader, adjust, walletText, reads: () => reads, upstream };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("GET /wallet/stream", () => {
  it("answers an event stream that starts with a retry hint and the current wallet, exactly as GET /wallet", async () => {
    const { stream, walletText } = chain();
    const response = await stream();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const sse = readSse(response.body as ReadableStream<Uint8Array>);
    open.push(sse);
    const first = await sse.next();
    expect(sse.retries).toEqual([3000]);
    expect(first.event).toBe("wallet");
    expect(first.id).toMatch(/^w[0-9a-f]{16}$/);
    expect(first.data).toBe(await walletText());
    expect(first.data).toContain('"available":14.566678');
    expect(first.data).toContain('"available":993450234');
  });

  it("pushes the whole wallet after notify(), digit for digit, and nothing when it did not change", async () => {
    const { proxy, reader, adjust, walletText } = chain();
    const sse = await reader();
    const first = await sse.next();
    await adjust("-0.000001");
    await proxy.notify(DEMO_CUSTOMER_ID);
    const second = await sse.next();
    expect(second.data).toContain('"available":14.566677');
    expect(second.data).toBe(await walletText());
    expect(second.id).not.toBe(first.id);
    await proxy.notify(DEMO_CUSTOMER_ID);
    expect(await sse.nothingWithin(150)).toBe(true);
  });

  it("reads once per customer however many tabs are open, and each tab gets the change", async () => {
    const { proxy, reader, adjust, reads } = chain();
    const tabs = await Promise.all([1, 2, 3, 4, 5].map(() => reader()));
    await Promise.all(tabs.map((tab) => tab.next()));
    expect(reads()).toBe(1);
    expect(proxy.streamStats()).toMatchObject({ streams: 5, customers: 1, reads: 1 });
    await adjust("2.5");
    await proxy.notify(DEMO_CUSTOMER_ID);
    for (const tab of tabs) expect((await tab.next()).data).toContain('"available":17.066678');
    expect(reads()).toBe(2);
  });

  it("polls while a stream is open, backs off when nothing changes, and stops when the last stream closes", async () => {
    const { proxy, reader, adjust, reads } = chain({ streams: { pollIntervalMs: 40, maxPollIntervalMs: 160 } });
    const sse = await reader();
    await sse.next();
    await adjust("1");
    // No notify: the poll finds it.
    expect((await sse.next(2_000)).data).toContain('"available":15.566678');
    await sleep(800);
    const polled = reads();
    // Unchanged polls back off to 160 ms: far fewer than one every 40 ms.
    expect(polled).toBeLessThan(2 + 800 / 40);
    open.splice(open.indexOf(sse), 1);
    await sse.cancel();
    expect(proxy.streamStats()).toMatchObject({ streams: 0, customers: 0 });
    const after = reads();
    await sleep(400);
    expect(reads()).toBe(after);
  });

  it("keeps the stream open while Credyt fails, and delivers the change once it answers again", async () => {
    // The circuit breaker holds polls back during the outage too (no hammering a failing Credyt); a short
    // cooldown keeps the test quick.
    const { emulator, proxy, reader, adjust } = chain({
      streams: { pollIntervalMs: 30, maxPollIntervalMs: 60 },
      circuitBreaker: { threshold: 5, cooldownMs: 200 },
    });
    const sse = await reader();
    await sse.next();
    const fault = await emulator.fetch(
      new Request("http://credyt.test/__emulator/faults", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ method: "GET", path: "/customers/:id/wallet", status: 503, count: 9 }),
      }),
    );
    expect(fault.status).toBeLessThan(300);
    await adjust("1");
    await expect(proxy.notify(DEMO_CUSTOMER_ID)).rejects.toMatchObject({ code: "upstream_error" });
    // The failing polls send nothing (no error event, no stale wallet), and the stream stays open.
    expect((await sse.next(5_000)).data).toContain('"available":15.566678');
    expect(proxy.streamStats().streams).toBe(1);
  });

  it("notify() for a customer without a stream reads nothing", async () => {
    const { proxy, reads } = chain();
    await proxy.notify(DEMO_CUSTOMER_ID);
    expect(reads()).toBe(0);
    await expect(proxy.notify("cust_<script>")).rejects.toThrow(/expected a Credyt customer id/);
  });

  it("resumes with Last-Event-ID: a browser that has the current wallet is not sent it again", async () => {
    const { reader, adjust, proxy, stream } = chain();
    const sse = await reader();
    const first = await sse.next();
    const resumed = await reader(DEMO_CUSTOMER_ID, { "Last-Event-ID": first.id as string });
    expect(await resumed.next()).toMatchObject({ event: "unchanged", id: first.id, data: first.id });
    expect(await resumed.nothingWithin(150)).toBe(true);
    await adjust("1");
    await proxy.notify(DEMO_CUSTOMER_ID);
    expect((await resumed.next()).data).toContain('"available":15.566678');
    const stale = await reader(DEMO_CUSTOMER_ID, { "Last-Event-ID": first.id as string });
    expect((await stale.next()).data).toContain('"available":15.566678');
    const viaQuery = await stream(DEMO_CUSTOMER_ID, {}, `?last_event_id=${first.id}`);
    const fromQuery = readSse(viaQuery.body as ReadableStream<Uint8Array>);
    open.push(fromQuery);
    expect((await fromQuery.next()).event).toBe("wallet"); // first.id is no longer current
    const garbage = await reader(DEMO_CUSTOMER_ID, { "Last-Event-ID": "\u00e9vil" });
    expect((await garbage.next()).event).toBe("wallet");
  });

  it("sends heartbeats while idle", async () => {
    const { reader } = chain({ streams: { heartbeatMs: 30 } });
    const sse = await reader();
    await sse.next();
    await sse.nothingWithin(150);
    expect(sse.comments.filter((c) => c === "heartbeat").length).toBeGreaterThanOrEqual(2);
  });

  it("keeps customers apart: a change for one is never sent to another", async () => {
    const { proxy, reader, adjust } = chain();
    const mine = await reader(DEMO_CUSTOMER_ID);
    const theirs = await reader(SECOND_CUSTOMER_ID);
    const theirFirst = await theirs.next();
    await mine.next();
    await adjust("3", SECOND_CUSTOMER_ID);
    await proxy.notify(SECOND_CUSTOMER_ID);
    expect((await theirs.next()).data).not.toBe(theirFirst.data);
    expect(await mine.nothingWithin(150)).toBe(true);
  });

  it("createCredytApi({ proxy }).notify reaches that proxy's streams, and no other proxy of the process", async () => {
    const { emulator, proxy, reader, adjust, upstream } = chain();
    const sse = await reader();
    await sse.next();
    const neighbour = chain();
    const theirs = await neighbour.reader();
    const theirFirst = await theirs.next();
    await adjust("-1");
    const api = createCredytApi({ apiKey: emulator.apiKey, apiUrl: "http://credyt.test", fetch: upstream, proxy });
    await api.notify(DEMO_CUSTOMER_ID);
    expect((await sse.next()).data).toContain('"available":13.566678');
    // Another proxy in the same process, same customer id: no global registry carries the notify there.
    await neighbour.adjust("-1");
    await api.notify(DEMO_CUSTOMER_ID);
    expect(await theirs.nothingWithin(150)).toBe(true);
    expect(theirFirst.data).toContain('"available":14.566678');
  });

  it("createCredytApi without proxy or fanout: notify() throws an error that says what to pass", async () => {
    const { emulator, reader, adjust, upstream } = chain();
    const sse = await reader();
    await sse.next();
    await adjust("-1");
    const api = createCredytApi({ apiKey: emulator.apiKey, apiUrl: "http://credyt.test", fetch: upstream });
    await expect(api.notify(DEMO_CUSTOMER_ID)).rejects.toThrow(/credyt\.notify\(customer\).*`proxy: credyt`/);
    expect(await sse.nothingWithin(150)).toBe(true);
    expect(() => createCredytApi({ apiKey: emulator.apiKey, proxy: {} as never })).toThrow(/`proxy` must be/);
  });

  it("answers a failing first read as an ordinary JSON error, and holds nothing open", async () => {
    const { proxy } = chain();
    const response = await proxy(
      new Request(`${BASE}/wallet/stream`, { headers: { "x-test-user": "cust_doesnotexist" } }),
    );
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(proxy.streamStats()).toMatchObject({ streams: 0, customers: 0 });
  });

  it("is off with streams: false (an older proxy's answer: 404)", async () => {
    const { stream } = chain({ streams: false });
    expect((await stream()).status).toBe(404);
  });

  it("checks its options with messages that say what to fix", () => {
    const make = (streams: unknown) =>
      createCredytProxy({ apiKey: "key_x", getCustomerId: () => null, streams: streams as false });
    expect(() => make({ pollIntervalMs: 0 })).toThrow(/streams.pollIntervalMs/);
    expect(() => make({ pollIntervalMs: 5000, maxPollIntervalMs: 1000 })).toThrow(/below/);
    expect(() => make({ maxStreamsPerCustomer: 1.5 })).toThrow(/maxStreamsPerCustomer/);
    expect(() => make({ fanout: {} })).toThrow(/streams.fanout/);
    expect(() => make("yes")).toThrow(/`streams` must be an object/);
  });
});
