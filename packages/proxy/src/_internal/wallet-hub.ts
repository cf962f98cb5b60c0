import { CredytError } from "@credyt/core";
import type { WalletFanout, WalletStreamStats } from "./fanout";
import { CUSTOMER_ID_PATTERN } from "./patterns";
import { failureOf } from "./upstream";

/** What the hub needs from the proxy: one checked wallet read (the exact text Credyt sent). */
export type ReadWallet = (customerId: string) => Promise<string>;

/** The settings of the live wallet streams, resolved. */
export interface HubSettings {
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  heartbeatMs: number;
  maxStreamsPerCustomer: number;
  /** Polls to Credyt this instance may start per second, all customers together (notify() is never held). */
  maxPollsPerSecond: number;
  fanout: WalletFanout | undefined;
}

/** One open stream: receives SSE chunks; `lastId` is the id the browser already has. */
export interface StreamSink {
  lastId: string | undefined;
  /** When the stream's own heartbeat last ran (set by the hub). */
  alive?: number;
  send(chunk: string): void;
}

/** A stream whose heartbeat the hub runs (Node streams: see {@link WalletHub.startBeating}). */
export interface BeatingSink extends StreamSink {
  readonly customerId: string;
}

interface Customer {
  customerId: string;
  sinks: Set<StreamSink>;
  text: string | undefined;
  id: string | undefined;
  intervalMs: number;
  /** When the next poll is due. */
  dueAt: number;
  /** Where the customer sits in the hub's queue of polls; -1 while its poll runs (or once it left). */
  slot: number;
  /** When its running poll started (a poll running far longer had its I/O dropped by the runtime). */
  polledAt: number;
}

const noop = () => {};

/**
 * Polls start in batches, at most one batch this often (a fifth of a second's budget each): an idle process
 * pays for waking up, timers and syscalls per batch instead of per poll. Measured at 2,000 idle streams and
 * 50 polls/s (packages/bench, streams-scale): about 0.8 ms of CPU per poll started one by one, 0.12 ms in
 * batches. A change found by a poll arrives at most this much later. Never more than `pollIntervalMs`.
 */
const POLL_BATCH_MS = 200;

/**
 * A short, stable id for a wallet text: the same wallet has the same id on every instance, so a
 * browser resuming with `Last-Event-ID` on another instance is not sent what it already has.
 * Two 32-bit FNV-1a hashes (different offsets); an id is only compared for equality.
 */
function walletId(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
  }
  return `w${(a >>> 0).toString(16).padStart(8, "0")}${(b >>> 0).toString(16).padStart(8, "0")}`;
}

/** The SSE event carrying a wallet: multi-line JSON stays exact, one `data:` line per line. */
function walletEvent(id: string, text: string): string {
  return `id: ${id}\nevent: wallet\ndata: ${text.split(/\r\n|\r|\n/).join("\ndata: ")}\n\n`;
}

/**
 * The live wallet streams of one proxy instance: who is listening, a poll per customer with an open stream
 * (backing off while nothing changes) run from one queue and one timer under a budget of polls per second,
 * single-flight reads, `notify()`, and the fan-out between instances. Nothing runs while no stream is open.
 */
export class WalletHub {
  readonly stats: WalletStreamStats = { streams: 0, customers: 0, reads: 0, pushes: 0 };
  private readonly customers = new Map<string, Customer>();
  private readonly reads = new Map<string, { read: Promise<string>; at: number }>();
  private readonly queued = new Map<string, Promise<string>>();
  private unsubscribe: Promise<() => Promise<void>> | undefined;
  /** The customers waiting for their next poll, a binary heap by `dueAt` (the longest waiting first). */
  private readonly due: Customer[] = [];
  /** The hub's one poll timer (none per customer or per stream), and when it is set to fire. */
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = 0;
  /** The poll budget: a token bucket refilled at `maxPollsPerSecond`, holding at most one batch's worth. */
  private tokens = 0;
  private refilledAt = 0;
  /** When the hub last started polls: polls start in batches, at most one batch per `POLL_BATCH_MS`. */
  private tickedAt = 0;
  private readonly batchMs: number;
  /** The streams whose heartbeat the hub runs, on one interval for all of them (Node streams). */
  private readonly beating = new Set<BeatingSink>();
  private beatTimer: ReturnType<typeof setInterval> | undefined;
  /** The heartbeat, made once: a comment for proxies between, an event the browser sees. */
  private readonly heartbeat: string;

  constructor(
    private readonly settings: HubSettings,
    private readonly readWallet: ReadWallet,
    private readonly onOpenChange: (open: boolean) => void = noop,
  ) {
    this.batchMs = Math.min(POLL_BATCH_MS, settings.pollIntervalMs);
    this.heartbeat = `: heartbeat\nevent: heartbeat\ndata: ${settings.heartbeatMs}\n\n`;
  }

  /**
   * Runs `sink`'s heartbeat on the hub's one interval until {@link stopBeating}: no timer per stream (Node
   * keeps timers however long a request lasts; the per-stream timers are for runtimes that do not).
   */
  startBeating(sink: BeatingSink): void {
    this.beating.add(sink);
    this.beatTimer ??= setInterval(() => {
      for (const each of this.beating) this.beat(each.customerId, each);
    }, this.settings.heartbeatMs);
  }

  stopBeating(sink: BeatingSink): void {
    this.beating.delete(sink);
    if (this.beating.size === 0 && this.beatTimer !== undefined) {
      clearInterval(this.beatTimer);
      this.beatTimer = undefined;
    }
  }

  /**
   * What the hub holds now, for tests and benchmarks: with no stream open, every count is 0 and no timer
   * is set (nothing of a closed stream, or of a customer who had one, stays behind).
   */
  held(): { customers: number; reads: number; queuedReads: number; dueQueue: number; beating: number; timers: number } {
    return {
      customers: this.customers.size,
      reads: this.reads.size,
      queuedReads: this.queued.size,
      dueQueue: this.due.length,
      beating: this.beating.size,
      timers: (this.timer === undefined ? 0 : 1) + (this.beatTimer === undefined ? 0 : 1),
    };
  }

  /**
   * Adds a stream of `customerId`: answers once the current wallet was sent (or the browser has it
   * already), or throws a CredytError (over the cap, Credyt failing) after removing it again.
   */
  async open(customerId: string, sink: StreamSink): Promise<() => void> {
    this.sweep(customerId, Date.now());
    const size = this.customers.get(customerId)?.sinks.size ?? 0;
    if (size >= this.settings.maxStreamsPerCustomer) {
      throw new CredytError(
        "rate_limited",
        `Too many live balance streams are open for this account (at most ${this.settings.maxStreamsPerCustomer}). Close a tab and try again.`,
        { retryAfter: 5 },
      );
    }
    const known = sink.lastId;
    const customer = this.attach(customerId, sink);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.remove(customerId, sink);
    };
    try {
      if (customer.text === undefined) this.apply(customerId, await this.readOnce(customerId));
      const { text, id } = this.customers.get(customerId) ?? customer;
      if (text !== undefined && id !== undefined) {
        // The browser has this wallet already: say so, so it knows the stream is live (nothing is buffered).
        if (known === id) sink.send(`id: ${id}\nevent: unchanged\ndata: ${id}\n\n`);
        else this.deliver(sink, id, text); // unless the first read already delivered it
      }
    } catch (error) {
      close();
      throw error;
    }
    return close;
  }

  /** Registers a stream (and, for a customer's first, its poll). */
  private attach(customerId: string, sink: StreamSink): Customer {
    let customer = this.customers.get(customerId);
    if (!customer) {
      const intervalMs = this.settings.pollIntervalMs;
      customer = {
        customerId,
        sinks: new Set(),
        text: undefined,
        id: undefined,
        intervalMs,
        dueAt: 0,
        slot: -1,
        polledAt: 0,
      };
      this.customers.set(customerId, customer);
      this.stats.customers += 1;
      this.schedule(customer);
    }
    sink.alive = Date.now();
    customer.sinks.add(sink);
    this.stats.streams += 1;
    if (this.stats.streams === 1) this.started();
    return customer;
  }

  /** Re-reads the customer's wallet now (after any read already running) and pushes it if it changed. */
  async notify(customerId: string): Promise<void> {
    if (typeof customerId !== "string" || !CUSTOMER_ID_PATTERN.test(customerId)) {
      throw new TypeError(
        `notify(customerId): expected a Credyt customer id such as "cust_…", got ${JSON.stringify(customerId)}.`,
      );
    }
    const fanout = this.settings.fanout;
    // Alone, nobody else can be listening: a customer without a stream here needs no read.
    if (!fanout && !this.customers.has(customerId)) return;
    const text = await this.readFresh(customerId);
    this.apply(customerId, text);
    // Always published: this instance may already hold the newest wallet (a stream opened here since read
    // it) while another instance's streams still show the old one. Receivers skip what they already have.
    if (fanout) await fanout.publish(customerId, text);
  }

  /** A wallet from another instance (or this one) through the fan-out. */
  receive(customerId: string, text: string): void {
    this.apply(customerId, text);
  }

  private started(): void {
    this.onOpenChange(true);
    const fanout = this.settings.fanout;
    if (fanout) {
      const subscribed = fanout.subscribe((customerId, text) => this.receive(customerId, text));
      this.unsubscribe = subscribed;
      // A fan-out that failed to subscribe leaves each instance polling on its own; nothing is lost.
      subscribed.catch(noop);
    }
  }

  private stopped(): void {
    this.onOpenChange(false);
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    unsubscribe?.then((stop) => stop()).catch(noop);
  }

  /**
   * A stream's own heartbeat, run by a timer of the stream itself. Each stream keeps its own timer because
   * some runtimes (workerd) tie timers to the request that made them and drop them when it ends: a
   * heartbeat also restarts the customer's poll when its timer was dropped, and lets go of streams whose
   * own heartbeat stopped (their request ended without the runtime cancelling the stream).
   */
  beat(customerId: string, sink: StreamSink): void {
    const now = Date.now();
    sink.alive = now;
    if (!this.customers.get(customerId)?.sinks.has(sink)) {
      // Let go of by a sweep while its event loop stalled, yet still open: take it back, and catch it up.
      const customer = this.attach(customerId, sink);
      if (customer.text !== undefined && customer.id !== undefined) this.deliver(sink, customer.id, customer.text);
    }
    this.sweep(customerId, now);
    const customer = this.customers.get(customerId);
    // A poll whose I/O the runtime dropped never settles: after three beats, queue the customer again.
    if (customer && customer.slot === -1 && now - customer.polledAt > this.settings.heartbeatMs * 3)
      this.schedule(customer);
    // The hub's timer was dropped with the request that set it (workerd): set it again.
    if (this.due.length > 0 && now - this.timerAt > this.settings.heartbeatMs) this.arm(now);
    // Last: a stream whose client stopped reading is dropped by this send, and must stay dropped.
    // A comment keeps proxies between from timing out; the event lets the browser see the stream is alive
    // (EventSource hides comments) and says how often to expect one, so silence can be told from calm.
    sink.send(this.heartbeat);
  }

  /** Lets go of the customer's streams whose own heartbeat stopped three beats ago. */
  private sweep(customerId: string, now: number): void {
    const customer = this.customers.get(customerId);
    if (!customer) return;
    for (const sink of customer.sinks) {
      if (now - (sink.alive ?? now) > this.settings.heartbeatMs * 3) this.remove(customerId, sink);
    }
  }

  private remove(customerId: string, sink: StreamSink): void {
    const customer = this.customers.get(customerId);
    if (!customer?.sinks.delete(sink)) return;
    this.stats.streams -= 1;
    if (customer.sinks.size === 0) {
      this.unqueue(customer);
      this.customers.delete(customerId);
      this.stats.customers -= 1;
    }
    if (this.stats.streams === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.stopped();
    }
  }

  private deliver(sink: StreamSink, id: string, text: string): void {
    if (sink.lastId === id) return;
    sink.lastId = id;
    this.stats.pushes += 1;
    sink.send(walletEvent(id, text));
  }

  /** Records a wallet read; pushes it to this customer's streams when it differs. Answers whether it did. */
  private apply(customerId: string, text: string): boolean {
    const customer = this.customers.get(customerId);
    // Exact: the text Credyt sent, amounts digit for digit, never parsed into floats to compare.
    if (!customer || customer.text === text) return false;
    customer.text = text;
    customer.id = walletId(text);
    customer.intervalMs = this.settings.pollIntervalMs;
    for (const sink of customer.sinks) this.deliver(sink, customer.id, text);
    return true;
  }

  /** Queues the customer's next poll, `intervalMs` from now. */
  private schedule(customer: Customer): void {
    if (this.customers.get(customer.customerId) !== customer) return;
    const now = Date.now();
    customer.dueAt = now + customer.intervalMs;
    if (customer.slot === -1) {
      customer.slot = this.due.length;
      this.due.push(customer);
    }
    this.siftUp(customer.slot);
    this.siftDown(customer.slot);
    if (this.timer === undefined || customer.dueAt < this.timerAt) this.arm(now);
  }

  /**
   * Starts the polls that are due, as many as the budget allows, longest waiting first; the rest wait for
   * the budget, so the total rate reaching Credyt never passes `maxPollsPerSecond` however many customers
   * watch (each one's interval stretches instead); polls are spread over the second in small batches
   * (`POLL_BATCH_MS`), never sent as one burst.
   */
  private tick(): void {
    this.timer = undefined;
    const now = Date.now();
    const rate = this.settings.maxPollsPerSecond;
    this.tickedAt = now;
    const capacity = Math.max(1, (rate * this.batchMs) / 1000);
    this.tokens = Math.min(capacity, this.tokens + ((now - this.refilledAt) * rate) / 1000);
    this.refilledAt = now;
    while (this.due.length > 0 && (this.due[0] as Customer).dueAt <= now && this.tokens >= 1) {
      const customer = this.pop();
      this.tokens -= 1;
      customer.polledAt = now;
      this.poll(customer.customerId, customer).then(
        () => this.schedule(customer),
        () => this.schedule(customer),
      );
    }
    this.arm(now);
  }

  /** Sets the hub's one timer for the next due poll (or the next token, when polls wait for the budget). */
  private arm(now: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const first = this.due[0];
    if (!first) return;
    const tokenAt = this.tokens >= 1 ? now : now + ((1 - this.tokens) * 1000) / this.settings.maxPollsPerSecond;
    this.timerAt = Math.max(first.dueAt, tokenAt, now, this.tickedAt + this.batchMs);
    this.timer = setTimeout(() => this.tick(), this.timerAt - now);
  }

  private unqueue(customer: Customer): void {
    const slot = customer.slot;
    if (slot === -1) return;
    const last = this.due.pop() as Customer;
    customer.slot = -1;
    if (last === customer) return;
    this.due[slot] = last;
    last.slot = slot;
    this.siftUp(slot);
    this.siftDown(last.slot);
  }

  private pop(): Customer {
    const first = this.due[0] as Customer;
    this.unqueue(first);
    return first;
  }

  private siftUp(index: number): void {
    const heap = this.due;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as Customer).dueAt <= (heap[i] as Customer).dueAt) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.due;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && (heap[left] as Customer).dueAt < (heap[least] as Customer).dueAt) least = left;
      if (right < heap.length && (heap[right] as Customer).dueAt < (heap[least] as Customer).dueAt) least = right;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  private swap(a: number, b: number): void {
    const heap = this.due;
    const x = heap[a] as Customer;
    const y = heap[b] as Customer;
    heap[a] = y;
    heap[b] = x;
    x.slot = b;
    y.slot = a;
  }

  private async poll(customerId: string, customer: Customer): Promise<void> {
    const { fanout, maxPollIntervalMs } = this.settings;
    const intervalMs = customer.intervalMs;
    customer.intervalMs = Math.min(Math.round(intervalMs * 1.5), maxPollIntervalMs);
    if (fanout) {
      let mine = true;
      try {
        mine = await fanout.lease(customerId, Math.max(1, Math.floor(intervalMs * 0.9)));
      } catch {
        mine = true; // the shared store is down: poll here rather than leave the stream stale
      }
      if (!mine) return;
    }
    let text: string;
    try {
      text = await this.readOnce(customerId);
    } catch {
      return; // Credyt failing: the stream stays open and the next (backed-off) poll tries again
    }
    if (this.apply(customerId, text) && fanout) await fanout.publish(customerId, text).catch(noop);
  }

  /**
   * One read per customer at a time: callers arriving while one runs share it. A caller that joined a read
   * the host cancelled (see `UpstreamFailure.cancelled`) reads again (sharing with the other joiners), then
   * alone; the caller that started it keeps the cancellation.
   */
  private readOnce(customerId: string, rejoin = true): Promise<string> {
    const running = this.reads.get(customerId);
    // A read running for longer than a few heartbeats is not joined: on workerd it may belong to a request
    // that ended, whose I/O the runtime dropped, so it may never settle (a new one starts here instead).
    if (running && Date.now() - running.at <= this.settings.heartbeatMs * 3) {
      return running.read.catch((error: unknown) => {
        if (failureOf(error)?.cancelled !== true) throw error;
        if (rejoin) return this.readOnce(customerId, false);
        this.stats.reads += 1;
        return this.readWallet(customerId);
      });
    }
    this.stats.reads += 1;
    const entry = { read: this.readWallet(customerId), at: Date.now() };
    entry.read
      .finally(() => {
        if (this.reads.get(customerId) === entry) this.reads.delete(customerId);
      })
      .catch(noop);
    this.reads.set(customerId, entry);
    return entry.read;
  }

  /** A read that starts after this call (a change the caller just made must be in it). */
  private readFresh(customerId: string): Promise<string> {
    const running = this.reads.get(customerId)?.read;
    if (!running) return this.readOnce(customerId);
    const queued = this.queued.get(customerId);
    if (queued) {
      // Joined: if the queued read was cancelled, read again (readOnce rejoins once, then reads alone).
      return queued.catch((error: unknown) => {
        if (failureOf(error)?.cancelled !== true) throw error;
        return this.readOnce(customerId);
      });
    }
    const read = running.then(noop, noop).then(() => {
      this.queued.delete(customerId);
      return this.readOnce(customerId);
    });
    this.queued.set(customerId, read);
    return read;
  }
}
