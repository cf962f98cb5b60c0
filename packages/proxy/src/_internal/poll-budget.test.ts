import { afterEach, describe, expect, it } from "vitest";
import { resolveStreamConfig } from "./stream-config";
import { type StreamSink, WalletHub } from "./wallet-hub";

// Issue 26 item 4: the polls one instance sends Credyt are bounded by `streams.maxPollsPerSecond`, however
// many customers watch; notify() is never held back; the hub runs one timer, not one per customer.
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sink = (): StreamSink & { chunks: string[] } => {
  const chunks: string[] = [];
  return { lastId: undefined, chunks, send: (chunk) => chunks.push(chunk) };
};

function hub(maxPollsPerSecond: number) {
  const reads: { customerId: string; at: number }[] = [];
  let version = 0;
  const settings = resolveStreamConfig({ pollIntervalMs: 20, maxPollIntervalMs: 20, maxPollsPerSecond });
  if (!settings) throw new Error("streams off");
  const walletHub = new WalletHub(settings, async (customerId) => {
    reads.push({ customerId, at: Date.now() });
    return `{"v":${version}}`;
  });
  return { walletHub, reads, bump: () => (version += 1) };
}

describe("the poll budget (streams.maxPollsPerSecond)", () => {
  it("checks the option", () => {
    expect(() => resolveStreamConfig({ maxPollsPerSecond: 0 })).toThrow(/maxPollsPerSecond/);
    expect(() => resolveStreamConfig({ maxPollsPerSecond: Number.NaN })).toThrow(/maxPollsPerSecond/);
    expect(resolveStreamConfig({})?.maxPollsPerSecond).toBe(50);
  });

  it("holds 40 customers polling every 20 ms (2,000 polls/s wanted) to the budget, and still polls each", async () => {
    const { walletHub, reads } = hub(100);
    const customers = Array.from({ length: 40 }, (_, i) => `cust_budget${i}`);
    for (const id of customers) closers.push(await walletHub.open(id, sink()));
    const firstReads = reads.length;
    const started = Date.now();
    await sleep(1_000);
    const elapsed = (Date.now() - started) / 1000;
    const polls = reads.slice(firstReads);
    // The budget (100/s) plus its burst (a tenth of a second's): never the 2,000/s the intervals ask for.
    expect(polls.length).toBeLessThanOrEqual(Math.ceil(100 * elapsed) + 10);
    expect(polls.length).toBeGreaterThan(0);
    // Longest waiting first: every customer got polled, none starved by the others.
    expect(new Set(polls.map((r) => r.customerId)).size).toBe(customers.length);
  });

  it("never holds notify() back, even with the budget spent", async () => {
    const { walletHub, reads, bump } = hub(0.5);
    const tab = sink();
    closers.push(await walletHub.open("cust_notified", tab));
    const before = reads.length;
    bump();
    await walletHub.notify("cust_notified");
    expect(reads.length).toBe(before + 1);
    expect(tab.chunks.at(-1)).toContain('data: {"v":1}');
  });

  it("stops polling when the last stream closes", async () => {
    const { walletHub, reads } = hub(1_000);
    const close = await walletHub.open("cust_gone", sink());
    await sleep(100);
    close();
    const after = reads.length;
    await sleep(150);
    expect(reads.length).toBe(after);
    expect(walletHub.stats).toMatchObject({ streams: 0, customers: 0 });
  });
});
