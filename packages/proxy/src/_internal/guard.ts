import { CredytError } from "@credyt/core";

/**
 * Keeps an upstream outage from multiplying the load on Credyt (every customer shares one key):
 * - a retry budget: GET retries may add at most 8% to the calls made, plus 2 saved up (a token bucket fed by
 *   first attempts), so a failing Credyt sees at most 1.1 calls per browser request;
 * - a circuit breaker: after `threshold` failures in a row (5xx, timeouts, resets; never a 429 or a spent
 *   budget) made for at least {@link MIN_CUSTOMERS} different customers, no call goes out for `cooldownMs`
 *   (or an upstream `Retry-After`, at most {@link MAX_HOLD_MS}); then one probe is let through, and its
 *   success closes the breaker again. One customer whose calls fail (or who floods) never opens it for all.
 * Both are per process: they protect the key from this process's load, which is all one process can see.
 */
export class UpstreamGuard {
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #enabled: boolean;
  #failures = 0;
  /** The customers whose calls make up the current run of failures. */
  #customers = new Set<string>();
  #openUntil = 0;
  #probing = false;
  #tokens = RETRY_BUCKET;

  constructor(options: { threshold: number; cooldownMs: number } | undefined) {
    this.#enabled = options !== undefined;
    this.#threshold = options?.threshold ?? Number.POSITIVE_INFINITY;
    this.#cooldownMs = options?.cooldownMs ?? 0;
  }

  /** Called before a first attempt: throws 503 while the breaker is open. */
  admit(): void {
    this.#tokens = Math.min(RETRY_BUCKET, this.#tokens + RETRY_RATIO);
    if (!this.#isOpen()) return;
    const now = Date.now();
    if (now < this.#openUntil || this.#probing) throw this.#open(now);
    // Half-open: this request is the probe; others keep failing fast until it answers.
    this.#probing = true;
  }

  /** True when a retry may be spent now (and spends it). */
  takeRetry(): boolean {
    if (this.#isOpen()) return false;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** An answer came back (any status Credyt meant to send). */
  success(): void {
    this.#failures = 0;
    this.#customers.clear();
    this.#probing = false;
  }

  /**
   * The host cancelled the call (see `UpstreamFailure.cancelled`): no evidence about Credyt, so the run of
   * failures is neither extended nor reset; a half-open probe is only released, so the next call probes.
   */
  cancelled(): void {
    this.#probing = false;
  }

  /**
   * Credyt failed (5xx, timeout, reset) on a call for `customerId`: `retryAfterSeconds` keeps the breaker
   * open at least that long, clamped to {@link MAX_HOLD_MS}.
   */
  failure(customerId: string | undefined, retryAfterSeconds?: number): void {
    this.#failures += 1;
    // Bounded: past the customers needed, more names add no evidence.
    if (customerId !== undefined && this.#customers.size < MIN_CUSTOMERS) this.#customers.add(customerId);
    this.#probing = false;
    if (this.#isOpen()) {
      const wait = Math.max(this.#cooldownMs, Math.min((retryAfterSeconds ?? 0) * 1000, MAX_HOLD_MS));
      this.#openUntil = Date.now() + wait;
    }
  }

  /** Evidence that Credyt fails for everyone: enough failures in a row, for enough different customers. */
  #isOpen(): boolean {
    return (
      this.#enabled &&
      this.#failures >= this.#threshold &&
      this.#customers.size >= Math.min(MIN_CUSTOMERS, this.#threshold)
    );
  }

  #open(now: number): CredytError {
    return new CredytError("unavailable", "The billing service is not answering. Try again shortly.", {
      retryAfter: Math.max(1, Math.ceil((this.#openUntil - now) / 1000)),
      cause: new Error(
        `circuit breaker open after ${this.#failures} upstream failures in a row for ${this.#customers.size} customers`,
      ),
    });
  }
}

/** Retries allowed per first attempt: the most an outage may add to Credyt's load. */
const RETRY_RATIO = 0.08;
/** Retries that may be saved up while all is well (a short burst of failures still gets them). */
const RETRY_BUCKET = 2;
/** Different customers whose calls must fail before the breaker opens: one customer is no outage. */
export const MIN_CUSTOMERS = 3;
/** The longest an upstream `Retry-After` holds the breaker open. */
const MAX_HOLD_MS = 30_000;
