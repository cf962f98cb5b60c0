/**
 * What proxy instances share so live wallet streams scale out: a short per-customer poll lease (so N
 * instances poll Credyt once per interval in total) and a broadcast of changed wallets (so `notify()` on
 * one instance reaches streams held by another). `createRedisWalletFanout` in `@credyt/proxy/redis`
 * implements it on Redis; without one, each instance polls and notifies on its own.
 */
export interface WalletFanout {
  /**
   * Takes the poll lease of `customerId` for `ttlMs` unless another instance holds it. Answers `true`
   * when this instance should poll now. A fanout that cannot answer should throw; the poll is then
   * done locally rather than missed.
   */
  lease(customerId: string, ttlMs: number): Promise<boolean>;
  /** Sends a customer's wallet (the exact JSON text Credyt answered) to every instance, this one included. */
  publish(customerId: string, walletText: string): Promise<void>;
  /**
   * Starts delivering every instance's published wallets to `listener`; answers a function that stops
   * it. Called once per proxy, on the first open stream.
   */
  subscribe(listener: (customerId: string, walletText: string) => void): Promise<() => Promise<void>>;
}

/** Counters a test or a benchmark reads to check that streams cost what they should. */
export interface WalletStreamStats {
  /** Streams open on this instance now. */
  streams: number;
  /** Customers with at least one open stream on this instance (each polled in turn, under the poll budget). */
  customers: number;
  /** Upstream wallet reads made for streams since the proxy started (polls, notifies, first reads). */
  reads: number;
  /** Wallet events pushed to streams since the proxy started. */
  pushes: number;
}

/** Options of the live wallet stream, `GET {base}/wallet/stream`. */
export interface WalletStreamOptions {
  /** How often Credyt is asked for the wallet of a customer with an open stream, at most. @default 2000 */
  pollIntervalMs?: number;
  /** The poll backs off (×1.5) while nothing changes, up to this. @default 15000 */
  maxPollIntervalMs?: number;
  /**
   * Polls this instance sends Credyt per second at most, all customers together: past it, polls wait their
   * turn (longest waiting first) and each customer's interval stretches. `notify()` is never held back, so
   * call it when your server changes a balance. @default 50
   */
  maxPollsPerSecond?: number;
  /** A comment line sent this often keeps idle connections (and the proxies between) open. @default 15000 */
  heartbeatMs?: number;
  /** The reconnect delay suggested to the browser (`retry:`). @default 3000 */
  retryMs?: number;
  /**
   * Bytes a stream may hold for a client that stopped reading; past it the stream is dropped at once and
   * its place freed (the browser reconnects when it reads again). @default 65536
   */
  maxQueuedBytes?: number;
  /** A stream whose sent bytes stay unread this long is dropped the same way. @default 2 × heartbeatMs */
  stallMs?: number;
  /** Open streams per customer on one instance; more are answered 429. @default 10 */
  maxStreamsPerCustomer?: number;
  /**
   * Shares polls and changes between instances (`createRedisWalletFanout` from `@credyt/proxy/redis`).
   * @default none: each instance polls for its own streams and `notify()` reaches only its own
   */
  fanout?: WalletFanout;
}
