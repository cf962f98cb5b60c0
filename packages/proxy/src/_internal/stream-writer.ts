import type { StreamSink } from "./wallet-hub";

/** What a stream writer needs to know to police a client that stops reading. */
export interface StallLimits {
  /** Bytes that may wait unread; past them the stream is dropped. */
  maxQueuedBytes: number;
  /** How long sent bytes may wait unread; past it the stream is dropped. */
  stallMs: number;
}

/**
 * The one rule, for every writer, deciding when a client stopped reading: bytes queued unread past
 * `maxQueuedBytes`, or bytes unread for longer than `stallMs` (counted from the first send that found the
 * queue non-empty; any send that finds it empty resets the clock).
 */
class StallPolicy {
  /** Since when bytes sent have been waiting unread (undefined while the client keeps up). */
  private stalledSince: number | undefined;
  constructor(private readonly limits: StallLimits) {}
  /** Given the bytes queued unread now, answers whether the stream must be dropped instead of written to. */
  mustDrop(queuedBytes: number, now: number): boolean {
    if (queuedBytes <= 0) this.stalledSince = undefined;
    else this.stalledSince ??= now;
    return (
      queuedBytes > this.limits.maxQueuedBytes ||
      (this.stalledSince !== undefined && now - this.stalledSince > this.limits.stallMs)
    );
  }
}

/** Where a stream's bytes go: Node's response, or a web ReadableStream's controller. */
export interface StreamTransport {
  /** Bytes written and not yet taken by the client. */
  queuedBytes(): number;
  /** Writes `chunk`; answers `false` when the client is gone (nothing was written). */
  write(chunk: string): boolean;
  /** Ends the stream at once, unread bytes dropped (a client that stopped reading). */
  drop(): void;
  /** Ends the stream (the client left, or the stream is let go of). */
  end(): void;
}

/** What to say first: the reconnect hint, then whatever was sent before the stream could be written to. */
const streamHead = (retryMs: number, pending: string) => `retry: ${retryMs}\n\n${pending}`;

/**
 * One open stream, whatever writes it: the same rules on every runtime, so they cannot drift apart.
 * Events sent before {@link start} wait (the head is not written yet) and go out after the retry hint; a
 * client that stops reading is dropped at once by the {@link StallPolicy} (its queue thrown away, its hub
 * slot freed, the browser reconnects when it reads again); a client that left ends the stream; ending
 * happens once, and leaves the hub.
 */
export class StreamWriter implements StreamSink {
  lastId: string | undefined;
  alive?: number;
  /** What was sent before the head was written; `undefined` once events flow. */
  private pending: string | undefined = "";
  private readonly stall: StallPolicy;
  private close: (() => void) | undefined;
  private ended = false;
  /** Called once when the stream ends, before the transport is ended (stop the heartbeat, drop listeners). */
  onEnd: (() => void) | undefined;
  constructor(
    private readonly transport: StreamTransport,
    readonly customerId: string,
    private readonly retryMs: number,
    limits: StallLimits,
    lastId: string | undefined,
    /** The clock (tests drive it; Date.now otherwise). */
    private readonly now: () => number = Date.now,
  ) {
    this.lastId = lastId;
    this.stall = new StallPolicy(limits);
    this.end = this.end.bind(this);
  }
  get isEnded(): boolean {
    return this.ended;
  }
  /** The hub took the stream: `close` leaves it (called when the stream ends; at once if it already did). */
  opened(close: () => void): void {
    this.close = close;
    if (this.ended) close();
  }
  /** The stream can be written to: the retry hint and anything queued go out. */
  start(): void {
    if (this.ended) return;
    const head = streamHead(this.retryMs, this.pending ?? "");
    this.pending = undefined;
    this.put(head);
  }
  send(chunk: string): void {
    if (this.ended) return;
    if (this.pending !== undefined) {
      this.pending += chunk;
      return;
    }
    if (this.stall.mustDrop(this.transport.queuedBytes(), this.now())) {
      this.finish();
      this.transport.drop();
      return;
    }
    this.put(chunk);
  }
  /** The client went away, or the stream is let go of: leave the hub, end the transport. */
  end(): void {
    if (this.finish()) this.transport.end();
  }
  private put(chunk: string): void {
    // The client went away without the runtime telling us: let the stream go now.
    if (!this.transport.write(chunk)) this.end();
  }
  /** Marks the stream ended and leaves the hub; answers whether it was still open. */
  private finish(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.onEnd?.();
    this.close?.();
    return true;
  }
}

/** Node's response as a stream writes to it (Express's `compression()` adds `flush`). */
export interface NodeStreamResponse {
  readonly writableLength: number;
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
  write(chunk: string): boolean;
  end(): unknown;
  destroy(): unknown;
  flush?: () => void;
}

/** Writes straight to Node's response: what is queued is what Node holds unsent (`drain` honoured). */
export function nodeTransport(res: NodeStreamResponse): StreamTransport {
  return {
    queuedBytes: () => res.writableLength,
    write(chunk) {
      if (res.destroyed || res.writableEnded) return false;
      res.write(chunk);
      res.flush?.();
      return true;
    },
    drop: () => res.destroy(),
    end() {
      if (!res.writableEnded && !res.destroyed) res.end();
    },
  };
}

const utf8 = /* @__PURE__ */ new TextEncoder();

/**
 * Writes to a web ReadableStream's controller (known once the stream started), for Fetch runtimes. The stream must count bytes with no
 * high-water mark (`new ByteLengthQueuingStrategy({ highWaterMark: 0 })`): then -desiredSize is exactly
 * the bytes the client has not read.
 */
export function webTransport(
  controllerOf: () => ReadableStreamDefaultController<Uint8Array> | undefined,
): StreamTransport {
  return {
    queuedBytes: () => -(controllerOf()?.desiredSize ?? 0),
    write(chunk) {
      const controller = controllerOf();
      if (!controller) return false;
      try {
        controller.enqueue(utf8.encode(chunk));
        return true;
      } catch {
        return false; // cancelled by the client, or already closed
      }
    },
    drop() {
      try {
        // An error, not a close (which would wait for the unread bytes to be read).
        controllerOf()?.error(new Error("stream dropped: the client stopped reading"));
      } catch {
        // already ended
      }
    },
    end() {
      try {
        controllerOf()?.close();
      } catch {
        // already closed or cancelled by the client: nothing left to end
      }
    },
  };
}
