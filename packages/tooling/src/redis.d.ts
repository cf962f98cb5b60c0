/** A redis-server of the caller's own, on a loopback port, without persistence. */
export interface TestRedis {
  port: number;
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  /** Whether the server is up (not killed or stopped). */
  readonly running: boolean;
  /** Kills the server (SIGKILL, like a crash) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing was persisted). */
  restart(): Promise<void>;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}
/** Starts a `redis-server` on a free loopback port, without persistence; call `stop()` when done. */
export declare function startRedis(): Promise<TestRedis>;
