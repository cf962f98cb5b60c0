import { CredytError } from "@credyt/core";
import type { Exchange } from "./exchange";
import { checkRate } from "./handlers";
import type { StreamConfig } from "./stream-config";
import type { StreamSink, WalletHub } from "./wallet-hub";

const LAST_EVENT_ID = /^w[0-9a-f]{16}$/;

/** The id the browser already has: `Last-Event-ID` (EventSource's own reconnects) or `?last_event_id=`. */
function lastEventId(request: Request, url: URL): string | undefined {
  const value = request.headers.get("last-event-id") ?? url.searchParams.get("last_event_id");
  // Anything else (another server's ids, garbage) just means "send the current wallet".
  return value !== null && LAST_EVENT_ID.test(value) ? value : undefined;
}

/**
 * `GET {base}/wallet/stream`: Server-Sent Events of the signed-in customer's wallet. The current
 * wallet first (unless `Last-Event-ID` says the browser has it), then one `wallet` event per change,
 * `: heartbeat` comments, and a `retry:` hint. A failing first read is an ordinary JSON error.
 */
export async function streamWallet<Ctx>(x: Exchange<Ctx>, hub: WalletHub, config: StreamConfig): Promise<Response> {
  if (x.url.search !== "" && [...x.url.searchParams.keys()].some((key) => key !== "last_event_id")) {
    throw new CredytError("invalid_request", "The stream takes no query parameters besides `last_event_id`.");
  }
  // Opening a stream is a read like any other: a customer cannot open thousands to get around the limit.
  // (Only when a read limit is set: checkRate falls back to the POST limit when given none.)
  if (x.config.getRateLimit) await checkRate(x, x.config.getRateLimit, "get");
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let close = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const pending: string[] = [];
  /** Since when bytes sent have been waiting unread (undefined while the client keeps up). */
  let stalledSince: number | undefined;
  const end = () => {
    clearInterval(heartbeat);
    close();
    try {
      controller?.close();
    } catch {
      // already closed or cancelled by the client: nothing left to end
    }
  };
  /**
   * Lets go of a client that stopped reading, at once: the queue is dropped (an error, not a close, which
   * would wait for the unread bytes to be read), its slot is freed, and the adapter ends the connection.
   * The browser's EventSource reconnects when it reads again.
   */
  const drop = () => {
    clearInterval(heartbeat);
    close();
    try {
      controller?.error(new Error("stream dropped: the client stopped reading"));
    } catch {
      // already ended
    }
  };
  const sink: StreamSink = {
    lastId: lastEventId(x.request, x.url),
    send(chunk) {
      if (!controller) {
        pending.push(chunk);
        return;
      }
      // With a byte-length strategy and no high-water mark, -desiredSize is the bytes queued unread.
      const queued = -(controller.desiredSize ?? 0);
      const now = Date.now();
      if (queued <= 0) stalledSince = undefined;
      else stalledSince ??= now;
      if (queued > config.maxQueuedBytes || (stalledSince !== undefined && now - stalledSince > config.stallMs)) {
        drop();
        return;
      }
      try {
        controller.enqueue(encoder.encode(chunk));
      } catch {
        // The client went away without the runtime telling us (cancel): let the stream go now.
        end();
      }
    },
  };
  close = await hub.open(x.customerId, sink);
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        c.enqueue(encoder.encode(`retry: ${config.retryMs}\n\n${pending.join("")}`));
        pending.length = 0;
        heartbeat = setInterval(() => hub.beat(x.customerId, sink), config.heartbeatMs);
      },
      cancel() {
        clearInterval(heartbeat);
        close();
      },
    },
    // Counted in bytes, and nothing held ahead: what is queued is exactly what the client has not read.
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  if (x.request.signal.aborted) end();
  else x.request.signal.addEventListener("abort", end, { once: true });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      // nginx and some hosts buffer responses unless told not to; a buffered stream never arrives.
      "X-Accel-Buffering": "no",
      "X-Request-Id": x.requestId,
    },
  });
}
