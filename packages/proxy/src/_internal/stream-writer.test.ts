// Issue 26 item 4: both stream writers (Node's response, a web ReadableStream) follow one stall policy, and
// a hub whose streams all closed holds nothing of them. No timing: the writers' clock is driven by the test.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { resolveStreamConfig } from "./stream-config";
import { nodeTransport, type StallLimits, StreamWriter, webTransport } from "./stream-writer";
import { WalletHub } from "./wallet-hub";

const LIMITS: StallLimits = { maxQueuedBytes: 1024, stallMs: 1000 };

interface Harness {
  writer: StreamWriter;
  /** The client reads everything queued. */
  drain(): Promise<void>;
  /** Whether the client's side saw the stream dropped (Node: socket destroyed; web: the body errored). */
  dropped(): Promise<boolean>;
  /** How often the hub's `close` ran. */
  closes(): number;
}

let clock = 0;
const now = () => clock;

/** The Node writer over a real Writable whose client has stopped reading (no write completes until drain). */
function nodeHarness(): Harness {
  const waiting: (() => void)[] = [];
  const res = new Writable({
    highWaterMark: 16,
    write(_chunk, _encoding, callback) {
      waiting.push(() => callback());
    },
  });
  res.on("error", () => {});
  const writer = new StreamWriter(nodeTransport(res), "cust_a", 3000, LIMITS, undefined, now);
  let closes = 0;
  writer.opened(() => {
    closes += 1;
  });
  return {
    writer,
    async drain() {
      while (waiting.length > 0) {
        (waiting.shift() as () => void)();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    dropped: async () => res.destroyed,
    closes: () => closes,
  };
}

/** The web writer over a real ReadableStream nobody reads (bytes counted, no high-water mark). */
function webHarness(): Harness {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const writer = new StreamWriter(
    webTransport(() => controller),
    "cust_a",
    3000,
    LIMITS,
    undefined,
    now,
  );
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  const reader = body.getReader();
  let errored = false;
  let closes = 0;
  writer.opened(() => {
    closes += 1;
  });
  return {
    writer,
    async drain() {
      while ((controller?.desiredSize ?? 0) < 0) {
        await reader.read().catch(() => {
          errored = true;
        });
      }
    },
    async dropped() {
      if (!errored) {
        await reader.read().then(
          () => undefined,
          () => {
            errored = true;
          },
        );
      }
      return errored;
    },
    closes: () => closes,
  };
}

const WRITERS = { "Node response": nodeHarness, "web ReadableStream": webHarness };

/** Sends `chunk` at each time in `times` (or until dropped); answers how many sends were written. */
function sendAt(h: Harness, times: number[], chunk: string): number {
  let written = 0;
  for (const t of times) {
    clock = t;
    h.writer.send(chunk);
    if (h.writer.isEnded) break;
    written += 1;
  }
  return written;
}

describe("one stall policy for both stream writers", () => {
  for (const [name, make] of Object.entries(WRITERS)) {
    it(`${name}: the same scenario ends the same way`, async () => {
      const results: unknown[] = [];
      // 1. Unread for longer than stallMs, little queued: dropped by the send after stallMs, not before.
      clock = 0;
      const stalled = make();
      stalled.writer.send("id: w1\nevent: wallet\ndata: {}\n\n"); // before the head: held, not written
      stalled.writer.start();
      results.push(sendAt(stalled, [0, 500, 1000, 1001, 2000], ": heartbeat\n\n"));
      expect(stalled.writer.isEnded).toBe(true);
      expect(await stalled.dropped()).toBe(true);
      expect(stalled.closes()).toBe(1);
      // 2. Too many bytes unread at once: dropped by the send that finds more than maxQueuedBytes queued.
      clock = 0;
      const flooded = make();
      flooded.writer.start();
      results.push(sendAt(flooded, [0, 0, 0, 0, 0, 0, 0], "x".repeat(300)));
      expect(flooded.writer.isEnded).toBe(true);
      expect(await flooded.dropped()).toBe(true);
      expect(flooded.closes()).toBe(1);
      // 3. A client that reads, however late: never dropped (each read resets the stall clock).
      clock = 0;
      const reading = make();
      reading.writer.start();
      for (let t = 0; t <= 10_000; t += 900) {
        clock = t;
        reading.writer.send(": heartbeat\n\n");
        await reading.drain();
      }
      expect(reading.writer.isEnded).toBe(false);
      reading.writer.end();
      reading.writer.end();
      expect(reading.closes()).toBe(1);
      // Sends written before the drop: 3 (at 0, 500, 1000), then dropped at 1001; 4 × 300 B, dropped at the 5th.
      expect(results).toEqual([3, 4]);
    });
  }
});

describe("a hub whose streams all closed holds nothing of them", () => {
  it("after 200 streams of 50 customers open (half with hub-run heartbeats) and close, every map, queue and timer is empty", async () => {
    const settings = resolveStreamConfig({ pollIntervalMs: 60_000, heartbeatMs: 60_000 });
    if (!settings) throw new Error("streams off");
    let fail = false;
    const hub = new WalletHub(settings, async (customerId) => {
      if (fail) throw new Error("Credyt down");
      return `{"customer":"${customerId}"}`;
    });
    const writers: StreamWriter[] = [];
    for (let i = 0; i < 200; i++) {
      const customerId = `cust_leak${i % 50}`;
      const transport = webTransport(() => undefined);
      const writer = new StreamWriter(transport, customerId, 3000, LIMITS, undefined);
      writer.onEnd = () => hub.stopBeating(writer);
      writer.opened(await hub.open(customerId, writer));
      if (i % 2 === 0) hub.startBeating(writer);
      writers.push(writer);
    }
    expect(hub.stats).toMatchObject({ streams: 200, customers: 50 });
    expect(hub.held()).toMatchObject({ customers: 50, dueQueue: 50, beating: 100, timers: 2 });
    // A notify running while the streams close, and a first read that fails: neither may leave anything.
    const notified = hub.notify("cust_leak1");
    for (const writer of writers) writer.end();
    await notified;
    fail = true;
    await expect(
      hub.open(
        "cust_leakfail",
        new StreamWriter(
          webTransport(() => undefined),
          "cust_leakfail",
          3000,
          LIMITS,
          undefined,
        ),
      ),
    ).rejects.toThrow();
    expect(hub.stats).toMatchObject({ streams: 0, customers: 0 });
    expect(hub.held()).toEqual({ customers: 0, reads: 0, queuedReads: 0, dueQueue: 0, beating: 0, timers: 0 });
  });
});
