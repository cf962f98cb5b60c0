// Threat: "a silent stream stays 'live' forever in React" (issue 25, item 5), the server's half: heartbeats
// reach the browser as an event (EventSource hides comments) carrying the interval to expect them at.
import { afterEach, describe, expect, it } from "vitest";
import { get, setup } from "./helpers";
import { readSse, type SseReader } from "./sse";

const open: SseReader[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((reader) => reader.cancel()));
});

describe("heartbeats the browser can see", () => {
  it("sends `event: heartbeat` with the interval in ms, beside the comment that keeps proxies open", async () => {
    const { proxy } = setup({ streams: { heartbeatMs: 40 } });
    const response = await proxy(get("/wallet/stream"));
    expect(response.status).toBe(200);
    const sse = readSse(response.body as ReadableStream<Uint8Array>);
    open.push(sse);
    expect((await sse.next()).event).toBe("wallet");
    // Nothing else changes: only heartbeats arrive, each announcing 40 ms.
    expect(await sse.nothingWithin(200)).toBe(true);
    expect(sse.heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sse.heartbeats)).toEqual(new Set([40]));
    expect(sse.comments).toContain("heartbeat");
  });
});
