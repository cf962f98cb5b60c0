// Threat: "a silent stream stays 'live' forever" (issue 25, item 5). The server announces heartbeats (an
// event carrying its interval); a stream silent for 2.5 intervals is reconnected and shown as `connecting`.
// Servers that send only comment heartbeats (older proxies) are never taken for dead.
import { describe, expect, it, vi } from "vitest";
import { type EventSourceLike, subscribeWallet, type WalletStreamData } from "./wallet-subscription";

const WALLET =
  '{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":1,"pending_in":0,"pending_out":0}]}';

class FakeSource implements EventSourceLike {
  static all: FakeSource[] = [];
  readyState = 1;
  onerror = null;
  closed = false;
  readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  send(type: string, data: string, id = "") {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data, lastEventId: id }));
  }
}

function subscribe() {
  FakeSource.all = [];
  const statuses: string[] = [];
  const stop = subscribeWallet({
    url: "https://shop.example/api/credyt/wallet/stream",
    EventSource: FakeSource,
    fetch: (() => Promise.reject(new Error("no probe expected"))) as typeof fetch,
    write: () => {},
    firstEventTimeoutMs: 60_000,
    maxRetryMs: 30_000,
    warn: () => {},
  })("key", {
    next: (_error, data?: WalletStreamData) => {
      if (data) statuses.push(data.status);
    },
  });
  return { statuses, stop, source: (i: number) => FakeSource.all[i] as FakeSource };
}

describe("stream liveness in the client", () => {
  it("a stream that announced heartbeats and falls silent is reconnected, and shows `connecting` meanwhile", () => {
    vi.useFakeTimers();
    try {
      const { statuses, stop, source } = subscribe();
      source(0).send("wallet", WALLET, "w1");
      source(0).send("heartbeat", "1000");
      expect(statuses.at(-1)).toBe("live");
      // 2.5 s of silence after a heartbeat announced every 1 s: dead.
      vi.advanceTimersByTime(2_400);
      expect(statuses.at(-1)).toBe("live");
      vi.advanceTimersByTime(200);
      expect(statuses.at(-1)).toBe("connecting");
      expect(source(0).closed).toBe(true);
      vi.advanceTimersByTime(1_000); // the first reconnect waits 0.5-1 s
      expect(FakeSource.all).toHaveLength(2);
      // It resumes from the last wallet it had, and goes live again.
      expect(source(1).url).toContain("last_event_id=w1");
      source(1).send("unchanged", "w1", "w1");
      expect(statuses.at(-1)).toBe("live");
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("heartbeats arriving in time keep the stream live on one connection", () => {
    vi.useFakeTimers();
    try {
      const { statuses, stop, source } = subscribe();
      source(0).send("wallet", WALLET, "w1");
      for (let i = 0; i < 20; i++) {
        source(0).send("heartbeat", "1000");
        vi.advanceTimersByTime(1_000);
      }
      expect(FakeSource.all).toHaveLength(1);
      expect(statuses.at(-1)).toBe("live");
      expect(statuses).not.toContain("connecting");
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("a server that never announced heartbeats (comments only) is not taken for dead", () => {
    vi.useFakeTimers();
    try {
      const { statuses, stop, source } = subscribe();
      source(0).send("wallet", WALLET, "w1");
      vi.advanceTimersByTime(10 * 60_000);
      expect(FakeSource.all).toHaveLength(1);
      expect(statuses.at(-1)).toBe("live");
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
