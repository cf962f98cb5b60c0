// Every other place where concurrent requests share upstream work follows the rule of cancelled-read.test.ts:
// when the host cancels the calls of the request that started the shared work (Next.js abandoning a
// prerender, a runtime ending a request's I/O), that request gets the cancellation, and a request that only
// joined does the work again (rejoining once, then alone). Real emulator on a loopback port; the "host" is a
// fetch wrapper that aborts chosen calls.
import { CredytError } from "@credyt/core";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergedRead } from "../src/_internal/merge-reads";
import { resolveStreamConfig } from "../src/_internal/stream-config";
import { failureOf, UpstreamFailure } from "../src/_internal/upstream";
import { type StreamSink, WalletHub } from "../src/_internal/wallet-hub";
import { createCredyt, createCredytProxy } from "../src/index";
import { expectError } from "./helpers";
import { hostFetch } from "./host-fetch";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator?.close();
});

// What a cancelled upstream call rejects with (see upstreamError in upstream.ts).
const failure = (facts: ConstructorParameters<typeof UpstreamFailure>[1]) =>
  new CredytError("upstream_error", "The request to the billing service failed.", {
    cause: new UpstreamFailure("test", facts),
  });
const cancelled = () => failure({ cancelled: true });
const isCancelled = (result: PromiseSettledResult<unknown>) =>
  result.status === "rejected" && failureOf(result.reason)?.cancelled === true;

describe("the usage summary (merged reads)", () => {
  it("over HTTP: the joined request answers 200 with the summary, the starter 502", async () => {
    const host = hostFetch((call) => call === 1);
    const proxy = createCredytProxy({
      apiKey: emulator.apiKey,
      apiUrl: emulator.url,
      origin: "http://app.test",
      fetch: host.fetch,
      getCustomerId: () => DEMO_CUSTOMER_ID,
    });
    const summary = () => proxy(new Request("http://app.test/api/credyt/usage/summary?tz=UTC"));
    const [starter, joiner] = await Promise.all([summary(), summary()]);
    // The joiner's own reading started only after the shared one was cancelled.
    expect(host.log.slice(0, 3)).toEqual(["start 1 GET", "cancel 1", "start 2 GET"]);
    expect(joiner.status).toBe(200);
    expect(await joiner.json()).toMatchObject({ complete: expect.any(Boolean), totals: expect.any(Array) });
    expect(await starter.clone().text()).not.toMatch(/AbortError|at |stack|DOMException/);
    await expectError(starter, 502, "upstream_error");
  });

  it("joiners redo cancelled work once together, then alone; other failures are shared as before", async () => {
    const owner = {};
    const runs: string[] = [];
    const work = (name: string, fail?: () => Error) => async () => {
      runs.push(name);
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw fail();
      return name;
    };
    // a starts, b and c join; a's work is cancelled: b redoes it (c joins b's), b's is cancelled too: c alone.
    const results = await Promise.allSettled([
      mergedRead(owner, "k", 0, work("a", cancelled)),
      mergedRead(owner, "k", 0, work("b", cancelled)),
      mergedRead(owner, "k", 0, work("c")),
    ]);
    expect(runs).toEqual(["a", "b", "c"]);
    expect(isCancelled(results[0] as PromiseSettledResult<unknown>)).toBe(true);
    expect(isCancelled(results[1] as PromiseSettledResult<unknown>)).toBe(true);
    expect(results[2]).toEqual({ status: "fulfilled", value: "c" });
    // A failure that is not a cancellation (Credyt down) is shared, never redone.
    const down = () => failure({ status: 503, isOutage: true });
    const shared = await Promise.allSettled([
      mergedRead(owner, "down", 0, work("d", down)),
      mergedRead(owner, "down", 0, work("e")),
    ]);
    expect(runs.slice(3)).toEqual(["d"]);
    expect(shared.map((result) => result.status)).toEqual(["rejected", "rejected"]);
  });
});

describe("the customer look-up (getOrCreate's single flight)", () => {
  it("the starter gets the cancellation, the joiner its customer id", async () => {
    const host = hostFetch((call) => call === 1);
    const { api } = createCredyt({
      apiKey: emulator.apiKey,
      apiUrl: emulator.url,
      fetch: host.fetch,
      origin: "http://app.test",
      identify: () => null,
    });
    const externalId = `user_cancelled_${Date.now()}`;
    const [starter, joiner] = await Promise.allSettled([
      api.customers.getOrCreate(externalId),
      api.customers.getOrCreate(externalId),
    ]);
    expect(isCancelled(starter)).toBe(true);
    expect(joiner.status).toBe("fulfilled");
    const id = (joiner as PromiseFulfilledResult<string>).value;
    expect(id).toMatch(/^cust_/);
    // Looked up again after the cancellation, and created once.
    expect(host.log.slice(0, 3)).toEqual(["start 1 GET", "cancel 1", "start 2 GET"]);
    expect(host.log.filter((line) => line.endsWith("POST"))).toHaveLength(1);
    expect(await api.customers.find(externalId)).toBe(id);
  });
});

describe("the live stream's shared wallet read (WalletHub)", () => {
  const sink = (): StreamSink & { chunks: string[] } => {
    const chunks: string[] = [];
    return { lastId: undefined, chunks, send: (chunk) => chunks.push(chunk) };
  };
  /** A hub whose wallet reads number `cancelledReads` are cancelled by the host. */
  function hubCancelling(...cancelledReads: number[]) {
    const settings = resolveStreamConfig({ pollIntervalMs: 60_000, maxPollIntervalMs: 60_000 });
    if (!settings) throw new Error("streams off");
    const state = { reads: 0 };
    const hub = new WalletHub(settings, async () => {
      state.reads += 1;
      const read = state.reads;
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelledReads.includes(read)) throw cancelled();
      return `{"read":${read}}`;
    });
    return { hub, state };
  }

  it("a stream that joined a cancelled first read opens with the wallet; the starter's open fails", async () => {
    const { hub, state } = hubCancelling(1);
    const [first, second] = [sink(), sink()];
    const [starter, joiner] = await Promise.allSettled([
      hub.open("cust_cancelledstream", first),
      hub.open("cust_cancelledstream", second),
    ]);
    expect(isCancelled(starter)).toBe(true);
    expect(joiner.status).toBe("fulfilled");
    expect(state.reads).toBe(2);
    expect(second.chunks.join("")).toContain('{"read":2}');
    (joiner as PromiseFulfilledResult<() => void>).value();
  });

  it("a notify() that joined a queued read the host cancelled reads again", async () => {
    const { hub, state } = hubCancelling(2);
    const opened = hub.open("cust_cancellednotify", sink());
    // Both queue behind the running first read and share the read after it (read 2, cancelled).
    const [starter, joiner] = await Promise.allSettled([
      hub.notify("cust_cancellednotify"),
      hub.notify("cust_cancellednotify"),
    ]);
    expect(isCancelled(starter)).toBe(true);
    expect(joiner.status).toBe("fulfilled");
    expect(state.reads).toBe(3);
    (await opened)();
  });
});
