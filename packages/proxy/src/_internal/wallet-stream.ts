import { CredytError } from "@credyt/core";
import type { Exchange } from "./exchange";
import { checkRate } from "./handlers";
import { DIRECT_STREAM, type DirectStreamResponse, nodeResponseOf } from "./node-request";
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
  const res = nodeResponseOf(x.request);
  if (res) return nodeStream(x, hub, config, res);
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

/** Node's response as the stream writes to it (Express's `compression()` adds `flush`). */
type NodeResponse = NonNullable<ReturnType<typeof nodeResponseOf>> & { flush?: () => void };

/**
 * One live stream written straight to Node's response: one object per connection (no web stream, reader,
 * encoder, signal or closures of its own), its heartbeat run by the hub-wide {@link HeartbeatWheel}. Same
 * rules as the web stream: events queue until the head is written, a client that stops reading is dropped
 * at once (past `maxQueuedBytes` unread, or unread for `stallMs`), and a closed connection leaves the hub.
 */
class NodeSink implements StreamSink {
  lastId: string | undefined;
  alive?: number;
  /** What was sent before the head was written; `undefined` once events flow. */
  private pending: string | undefined = "";
  private stalledSince: number | undefined;
  private close: (() => void) | undefined;
  private ended = false;
  constructor(
    private readonly res: NodeResponse,
    readonly customerId: string,
    private readonly config: StreamConfig,
    private readonly wheel: HeartbeatWheel,
    lastId: string | undefined,
  ) {
    this.lastId = lastId;
    this.end = this.end.bind(this);
  }
  opened(close: () => void): void {
    this.close = close;
    if (this.ended) close();
  }
  /** The head is written: the retry hint and anything queued go out, and the heartbeat starts. */
  start(): void {
    if (this.ended) return;
    const first = `retry: ${this.config.retryMs}\n\n${this.pending ?? ""}`;
    this.pending = undefined;
    this.wheel.add(this);
    this.write(first);
  }
  send(chunk: string): void {
    if (this.ended) return;
    if (this.pending !== undefined) {
      this.pending += chunk;
      return;
    }
    const queued = this.res.writableLength;
    const now = Date.now();
    if (queued <= 0) this.stalledSince = undefined;
    else this.stalledSince ??= now;
    if (
      queued > this.config.maxQueuedBytes ||
      (this.stalledSince !== undefined && now - this.stalledSince > this.config.stallMs)
    ) {
      // Dropped, unread bytes and all: the connection ends at once and the browser reconnects when it reads.
      this.end();
      this.res.destroy();
      return;
    }
    this.write(chunk);
  }
  private write(chunk: string): void {
    if (this.res.destroyed || this.res.writableEnded) {
      this.end();
      return;
    }
    this.res.write(chunk);
    this.res.flush?.();
  }
  /** The client went away, or the stream was dropped: leave the hub and the wheel, end the response. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.res.off("close", this.end);
    this.wheel.delete(this);
    this.close?.();
    if (!this.res.writableEnded && !this.res.destroyed) this.res.end();
  }
}

/**
 * The heartbeats of one hub's Node streams: one interval for all of them instead of a timer per stream
 * (Node keeps timers however long a request lasts; the per-stream timers are for runtimes that do not).
 */
class HeartbeatWheel {
  private readonly sinks = new Set<NodeSink>();
  private timer: ReturnType<typeof setInterval> | undefined;
  constructor(
    private readonly hub: WalletHub,
    private readonly heartbeatMs: number,
  ) {}
  add(sink: NodeSink): void {
    this.sinks.add(sink);
    this.timer ??= setInterval(() => {
      for (const each of this.sinks) this.hub.beat(each.customerId, each);
    }, this.heartbeatMs);
  }
  delete(sink: NodeSink): void {
    this.sinks.delete(sink);
    if (this.sinks.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

const wheels = new WeakMap<WalletHub, HeartbeatWheel>();

/** `GET /wallet/stream` through the Node adapter: the events written to `res` as they come. */
async function nodeStream<Ctx>(
  x: Exchange<Ctx>,
  hub: WalletHub,
  config: StreamConfig,
  res: NodeResponse,
): Promise<Response> {
  let wheel = wheels.get(hub);
  if (!wheel) {
    wheel = new HeartbeatWheel(hub, config.heartbeatMs);
    wheels.set(hub, wheel);
  }
  const sink = new NodeSink(res, x.customerId, config, wheel, lastEventId(x.request, x.url));
  res.once("close", sink.end);
  try {
    sink.opened(await hub.open(x.customerId, sink));
  } catch (error) {
    res.off("close", sink.end);
    throw error;
  }
  // The client left while the first wallet was read: nothing to write.
  if (res.destroyed) sink.end();
  const response: DirectStreamResponse = new Response(null, { status: 200, headers: streamHeaders(x.requestId) });
  response[DIRECT_STREAM] = sink;
  return response;
}
