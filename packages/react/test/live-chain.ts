// The live-stream chain the stream tests share: client → the proxy's Fetch handler → the emulator, in one
// process through `fetch`, with an EventSource (the `eventsource` package, the browser's algorithm) on it.
import { createEmulator, DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type CredytProxyOptions, createCredytProxy, type FetchContext } from "@credyt/proxy";
import { EventSource as EventSourcePolyfill } from "eventsource";
import { expect } from "vitest";

/** A fresh emulator and proxy; `fetch` and `EventSource` reach the proxy, and record what they asked for. */
export function liveChain(extra: Partial<CredytProxyOptions<FetchContext>> = {}) {
  const emulator = createEmulator();
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: "http://emulator.test",
    getCustomerId: () => DEMO_CUSTOMER_ID,
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
    ...extra,
  });
  /** Every request, as `METHOD /path?query`. */
  const requests: string[] = [];
  /** The full URL of every `/wallet/stream` request. */
  const streams: string[] = [];
  let answer: ((request: Request) => Response | undefined) | undefined;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    if (url.pathname.endsWith("/wallet/stream")) streams.push(request.url);
    return answer?.(request) ?? proxy(request);
  };
  class EventSource extends EventSourcePolyfill {
    constructor(url: string) {
      super(url, { fetch });
    }
  }
  /** Moves the demo customer's USD balance on the emulator (a gift, or a charge when negative). */
  async function adjust(amount: string) {
    const response = await emulator.fetch(
      new Request(`http://emulator.test/customers/${DEMO_CUSTOMER_ID}/wallet/adjustments`, {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": emulator.apiKey, "Content-Type": "application/json" },
        body: `{"transaction_id":"${crypto.randomUUID()}","asset":"USD","amount":${amount},"reason":"gift"}`,
      }),
    );
    expect(response.status).toBe(201);
  }
  /** Answers matching requests itself instead of the proxy (return `undefined` to pass one on). */
  const respondWith = (fn: typeof answer) => {
    answer = fn;
  };
  return { proxy, fetch, EventSource, adjust, requests, streams, respondWith };
}
