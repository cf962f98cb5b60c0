import type { ServerResponse } from "node:http";
import { CredytError } from "@credyt/core";
import type { Exchange } from "./exchange";
import { checkRate } from "./handlers";
import { DIRECT_STREAM, type DirectStreamResponse, nodeResponseOf } from "./node-request";
import type { StreamConfig } from "./stream-config";
import { type NodeStreamResponse, nodeTransport, StreamWriter, webTransport } from "./stream-writer";
import type { WalletHub } from "./wallet-hub";

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
  const res = nodeResponseOf(x.request);
  if (res) return nodeStream(x, hub, config, res);
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const writer = new StreamWriter(
    webTransport(() => controller),
    x.customerId,
    config.retryMs,
    config,
    lastEventId(x.request, x.url),
  );
  // A timer per stream here: some runtimes (workerd) drop timers with the request that set them.
  writer.onEnd = () => clearInterval(heartbeat);
  writer.opened(await hub.open(x.customerId, writer));
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        writer.start();
        if (writer.isEnded) c.close();
        else heartbeat = setInterval(() => hub.beat(x.customerId, writer), config.heartbeatMs);
      },
      cancel() {
        writer.end();
      },
    },
    // Counted in bytes, and nothing held ahead: what is queued is exactly what the client has not read.
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  if (x.request.signal.aborted) writer.end();
  else x.request.signal.addEventListener("abort", writer.end, { once: true });
  return new Response(body, { status: 200, headers: streamHeaders(x.requestId) });
}

function streamHeaders(requestId: string): Record<string, string> {
  return {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    // nginx and some hosts buffer responses unless told not to; a buffered stream never arrives.
    "X-Accel-Buffering": "no",
    "X-Request-Id": requestId,
  };
}

/** `GET /wallet/stream` through the Node adapter: the events written straight to `res` as they come. */
async function nodeStream<Ctx>(
  x: Exchange<Ctx>,
  hub: WalletHub,
  config: StreamConfig,
  res: ServerResponse & NodeStreamResponse,
): Promise<Response> {
  // One object per connection (no web stream, reader, encoder, signal or timer of its own): its heartbeat
  // is run by the hub's one interval for all Node streams.
  const writer = new StreamWriter(
    nodeTransport(res),
    x.customerId,
    config.retryMs,
    config,
    lastEventId(x.request, x.url),
  );
  writer.onEnd = () => {
    res.off("close", writer.end);
    hub.stopBeating(writer);
  };
  res.once("close", writer.end);
  try {
    writer.opened(await hub.open(x.customerId, writer));
  } catch (error) {
    res.off("close", writer.end);
    throw error;
  }
  // The client left while the first wallet was read: nothing to write.
  if (res.destroyed) writer.end();
  const response: DirectStreamResponse = new Response(null, { status: 200, headers: streamHeaders(x.requestId) });
  // Called once the head is written: the retry hint and anything queued go out, and the heartbeat starts.
  response[DIRECT_STREAM] = {
    start() {
      if (writer.isEnded) return;
      hub.startBeating(writer);
      writer.start();
    },
  };
  return response;
}
