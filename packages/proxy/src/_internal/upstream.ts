import { CredytError } from "@credyt/core";
import { type DeadlineSlot, sharedDeadlines } from "./deadline-window";
import type { UpstreamGuard } from "./guard";
import { sleep } from "./sleep";
import { customerOfCall, type UpstreamBudget } from "./upstream-budget";

export interface UpstreamAccess {
  apiKey: string;
  apiUrl: string;
  timeoutMs: number;
  fetch: typeof fetch | undefined;
  /** Retry budget and circuit breaker shared by every call of one proxy. */
  guard?: UpstreamGuard | undefined;
  /** Per-customer budget every call (retries included) is charged against; none for `createCredytApi`. */
  budget?: UpstreamBudget | undefined;
}

export interface UpstreamRequest {
  method: "GET" | "POST";
  /** Path on the Credyt API, already encoded. */
  path: string;
  body?: unknown;
  requestId?: string | undefined;
  /** Whom the call is for; read from the path, query or body when not given. */
  customerId?: string | undefined;
  /**
   * The signal of the incoming request this call is made for, when there is one: aborted, it is the
   * host's evidence that it cancelled the call (see {@link UpstreamFailure.cancelled}).
   */
  hostSignal?: AbortSignal | undefined;
}

export interface UpstreamResponse {
  status: number;
  /** The body text exactly as Credyt sent it: forwarded unchanged so amounts keep every digit. */
  text: string;
  json: unknown;
}

const MAX_GET_RETRIES = 2;

/**
 * Set (to `true`) on a `fetch` that bounds a call by itself when given `init[UPSTREAM_TIMEOUT_MS]`
 * (milliseconds), as the Node adapter's pool does with undici's own timeouts: the proxy then passes its
 * timeout this way instead of an `AbortController`, a timer and a signal per call (issue 26's profile).
 * Such a `fetch` reports a passed timeout as a failure whose `cause.code` is one of {@link TIMEOUT_CODES}.
 */
export const UPSTREAM_TIMEOUT_MS: unique symbol = Symbol.for("credyt.upstream-timeout-ms") as never;
const TIMEOUT_CODES = /^UND_ERR_(HEADERS|BODY)_TIMEOUT$/;

/** What an {@link UpstreamFailure} says about the call, beside its reason; every flag defaults to false. */
export interface UpstreamFailureFacts {
  /** Credyt's HTTP status, when it answered one. */
  status?: number | undefined;
  /** Sending the same GET again may succeed (see {@link UpstreamFailure.retryable}). */
  retryable?: boolean;
  /** Credyt may have acted on the request (see {@link UpstreamFailure.maybeApplied}). */
  maybeApplied?: boolean;
  /** Credyt is unwell (see {@link UpstreamFailure.isOutage}). */
  isOutage?: boolean;
  /** The host runtime cancelled the call (see {@link UpstreamFailure.cancelled}). */
  cancelled?: boolean;
}

/**
 * Why an upstream call failed, as facts the proxy decides on (retry, circuit breaker, idempotent
 * replay) and a reason in words for logs and `onEvent` (never the key, never Credyt's body).
 */
export class UpstreamFailure extends Error {
  override readonly name = "UpstreamFailure";
  /** Credyt's HTTP status when it answered (`404`, `503`); `undefined` for timeouts, lost connections, bad bodies. */
  readonly status: number | undefined;
  /**
   * True when the same GET may be sent again: Credyt failed (5xx) or could not be reached. Never for a
   * 4xx (the request itself is refused, again and again), nor a 429 (it says when: `Retry-After`), nor a
   * timeout (the wait is already spent) or a body that does not parse.
   */
  readonly retryable: boolean;
  /**
   * True when Credyt may have acted on the request although no answer came back (a timeout, or a
   * connection lost after the request was sent): a POST may then have created a top-up.
   */
  readonly maybeApplied: boolean;
  /**
   * True when this failure says Credyt is unwell (5xx, timeout, reset): it counts for the breaker. Never a
   * 429: a quota answer says the key is busy, not that Credyt is down, and one customer can draw it.
   */
  readonly isOutage: boolean;
  /**
   * True when the host runtime cancelled the call, with evidence: the incoming request it was made for was
   * aborted (its `signal`), or Next.js rejected it for a prerender it abandoned (`digest:
   * "HANGING_PROMISE_REJECTION"`). It says nothing about Credyt (never an outage, never retried); a request
   * that only joined the call makes its own. Any other abort (a custom `fetch` enforcing its own timeout
   * with `controller.abort()`) is Credyt being slow: a timeout, an outage for the breaker.
   */
  readonly cancelled: boolean;
  constructor(reason: string, facts: UpstreamFailureFacts = {}) {
    super(reason);
    this.status = facts.status;
    this.retryable = facts.retryable ?? false;
    this.maybeApplied = facts.maybeApplied ?? false;
    this.isOutage = facts.isOutage ?? false;
    this.cancelled = facts.cancelled ?? false;
  }
}

function upstreamError(
  code: "upstream_error" | "upstream_timeout" | "unavailable",
  message: string,
  reason: string,
  facts: UpstreamFailureFacts & { retryAfter?: number } = {},
) {
  const { retryAfter, ...failure } = facts;
  return new CredytError(code, message, { cause: new UpstreamFailure(reason, failure), retryAfter });
}

/**
 * The longest `Retry-After` passed on, in seconds: an upstream `Retry-After: 3600` must not tell every
 * customer to come back in an hour (the proxy's own budget and breaker decide sooner).
 */
const MAX_RETRY_AFTER = 60;

/** `Retry-After` in seconds (delta-seconds or an HTTP date), clamped to 1..60; 1 when unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number {
  const value = header?.trim() ?? "";
  let seconds: number;
  if (/^\d+$/.test(value)) seconds = Number(value);
  else {
    const date = Date.parse(value);
    seconds = Number.isNaN(date) ? 1 : Math.ceil((date - now) / 1000);
  }
  // A huge value ("100000", or 400 digits) means "a long time": the cap, never a quick retry.
  if (!Number.isFinite(seconds)) return MAX_RETRY_AFTER;
  return Math.min(Math.max(seconds, 1), MAX_RETRY_AFTER);
}

function mapStatus(status: number, retryAfterHeader: string | null): CredytError {
  const reason = `Credyt answered HTTP ${status}`;
  if (status === 429) {
    return upstreamError("unavailable", "The billing service is busy. Try again shortly.", reason, {
      status,
      retryAfter: parseRetryAfter(retryAfterHeader),
    });
  }
  if (status >= 500)
    return upstreamError("upstream_error", "The billing service failed to answer. Try again shortly.", reason, {
      status,
      retryable: true,
      isOutage: true,
      // A 500 may come after the work was done; 502-504 come from in front of Credyt's application.
      maybeApplied: status === 500,
      // "Down for this long": it holds the breaker open (clamped there too), never longer than the cap.
      retryAfter: retryAfterHeader === null ? undefined : parseRetryAfter(retryAfterHeader),
    });
  if (status === 404)
    return new CredytError("not_found", "Not found.", { cause: new UpstreamFailure(reason, { status }) });
  if (status === 400 || status === 409 || status === 422) {
    return new CredytError("invalid_request", "The billing service refused this request.", {
      cause: new UpstreamFailure(reason, { status }),
    });
  }
  // 401/403 mean this server's key is wrong: the customer can do nothing about it.
  return upstreamError("upstream_error", "The billing service is not available right now.", reason, { status });
}

/** The typed failure behind a CredytError from an upstream call, if it is one. */
export function failureOf(error: unknown): UpstreamFailure | undefined {
  return error instanceof CredytError && error.cause instanceof UpstreamFailure ? error.cause : undefined;
}

/** True when a failed call may still have been carried out by Credyt (see {@link UpstreamFailure.maybeApplied}). */
export function mayHaveApplied(error: unknown): boolean {
  return failureOf(error)?.maybeApplied === true;
}

/** True for a rejection meaning "this call was aborted": a fetch's `AbortError`, also as the `cause` of a wrapping error. */
function isAbort(error: unknown): boolean {
  const shape = error as { name?: unknown; cause?: { name?: unknown } } | null | undefined;
  return shape?.name === "AbortError" || shape?.cause?.name === "AbortError";
}

/**
 * True when the host cancelled the call, with evidence: Next.js's rejection of a fetch made during a
 * prerender it has abandoned (its `HangingPromiseRejectionError`, recognised by its `digest` so the proxy
 * does not depend on Next), or an abort while the incoming request the call is for was itself aborted.
 * An abort without either (a custom `fetch`'s own timeout) is not the host's: see {@link attempt}.
 */
function hostCancelled(error: unknown, request: UpstreamRequest): boolean {
  if ((error as { digest?: unknown } | null | undefined)?.digest === "HANGING_PROMISE_REJECTION") return true;
  return request.hostSignal?.aborted === true && isAbort(error);
}

/** Each access's shared call deadlines (see `deadline-window.ts`); `null` where they cannot be shared. */
const deadlines = new WeakMap<UpstreamAccess, ReturnType<typeof sharedDeadlines> | null>();

function deadlineSlot(access: UpstreamAccess): DeadlineSlot | undefined {
  let shared = deadlines.get(access);
  if (shared === undefined) {
    shared = sharedDeadlines(access.timeoutMs) ?? null;
    deadlines.set(access, shared);
  }
  return shared?.();
}

async function attempt(access: UpstreamAccess, request: UpstreamRequest): Promise<UpstreamResponse> {
  const doFetch = access.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { "X-CREDYT-API-KEY": access.apiKey, Accept: "application/json" };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  if (request.requestId) headers["X-Request-Id"] = request.requestId;
  const init: RequestInit & { [UPSTREAM_TIMEOUT_MS]?: number } = {
    method: request.method,
    headers,
    body: request.body === undefined ? null : JSON.stringify(request.body),
    redirect: "manual",
  };
  // A fetch that bounds the call itself (the Node pool) gets the timeout; any other, a signal and a timer.
  const selfTimed = (doFetch as { [UPSTREAM_TIMEOUT_MS]?: unknown })[UPSTREAM_TIMEOUT_MS] === true;
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Where it can be shared, a signal and timer shared by the calls of a short window (504 at most
  // `MAX_WINDOW_MS` past `timeoutMs`, never before it); elsewhere, its own.
  const slot = selfTimed ? undefined : deadlineSlot(access);
  if (selfTimed) init[UPSTREAM_TIMEOUT_MS] = access.timeoutMs;
  else if (slot !== undefined) init.signal = slot.signal;
  else {
    const controller = new AbortController();
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, access.timeoutMs);
    init.signal = controller.signal;
  }
  let answered = false;
  try {
    const response = await doFetch(`${access.apiUrl}${request.path}`, init);
    answered = true;
    const text = await response.text();
    if (response.status < 200 || response.status > 299)
      throw mapStatus(response.status, response.headers.get("Retry-After"));
    try {
      return { status: response.status, text, json: JSON.parse(text) };
    } catch {
      throw upstreamError(
        "upstream_error",
        "The billing service sent an invalid response.",
        "Credyt sent a body that is not JSON",
        { maybeApplied: true },
      );
    }
  } catch (error) {
    if (error instanceof CredytError) throw error;
    const code = String((error as { cause?: { code?: unknown } } | undefined)?.cause?.code ?? "");
    if (timedOut || slot?.expired() === true || (selfTimed && TIMEOUT_CODES.test(code))) {
      throw upstreamError(
        "upstream_timeout",
        "The billing service took too long to answer.",
        `no answer from Credyt within ${access.timeoutMs} ms`,
        { maybeApplied: true, isOutage: true },
      );
    }
    // Aborted, and not by our timer, with the host's evidence: the host cancelled the call. It may have
    // reached Credyt (a POST is then treated as possibly applied), but it says nothing about Credyt's health.
    if (hostCancelled(error, request)) {
      throw upstreamError(
        "upstream_error",
        "The request to the billing service was cancelled.",
        "call to Credyt cancelled by the host runtime",
        { cancelled: true, maybeApplied: request.method === "POST" },
      );
    }
    // Aborted without the host's evidence: the app's own `fetch` gave up waiting (its own timeout). That is
    // Credyt being slow, as our own timeout would say: an outage for the breaker, possibly applied.
    if (isAbort(error)) {
      throw upstreamError(
        "upstream_timeout",
        "The billing service took too long to answer.",
        "call to Credyt aborted by the configured fetch (not by the host): counted as a timeout",
        { maybeApplied: true, isOutage: true },
      );
    }
    // A refused or unresolvable connection never carried the request; a reset might have, after it was sent.
    const neverSent = !answered && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(code);
    throw upstreamError(
      "upstream_error",
      "Could not reach the billing service. Try again shortly.",
      answered ? "connection to Credyt lost while reading its answer" : "connection to Credyt failed",
      { retryable: true, maybeApplied: !neverSent, isOutage: true },
    );
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    slot?.leave();
  }
}

/**
 * Calls Credyt once; GETs are retried at most twice with jittered backoff on 5xx and connection
 * failures, while the retry budget allows. POSTs are never retried: a lost answer may still have
 * created a top-up. While the circuit breaker is open, nothing is sent (503). Every attempt is charged
 * to the customer it is for (`access.budget`): over budget, the call is refused 429 and nothing is sent.
 */
export async function callUpstream(access: UpstreamAccess, request: UpstreamRequest): Promise<UpstreamResponse> {
  const guard = access.guard;
  // Read from the path or body only when needed (a budget, a failure for the breaker): not on every call.
  let customerId = request.customerId;
  const customer = () => (customerId ??= customerOfCall(request.path, request.body));
  if (access.budget && customer() !== undefined) await access.budget.charge(customerId as string);
  guard?.admit();
  for (let retry = 0; ; retry++) {
    try {
      const response = await attempt(access, request);
      guard?.success();
      return response;
    } catch (error) {
      const failure = failureOf(error);
      // Cancelled by the host: no evidence about Credyt either way, and nobody is waiting for a retry.
      if (failure?.cancelled) {
        guard?.cancelled();
        throw error;
      }
      if (failure?.isOutage) guard?.failure(customer(), (error as CredytError).retryAfter);
      else guard?.success(); // Credyt answered (a 404, a 422, a 429): it is up.
      const canRetry =
        request.method === "GET" &&
        retry < MAX_GET_RETRIES &&
        failure?.retryable === true &&
        (guard ? guard.takeRetry() : true) &&
        // A retry is a call like any other: the customer pays for it, or it is not made.
        (!access.budget || customer() === undefined || (await access.budget.take(customerId as string)).ok);
      if (!canRetry) throw error;
      await sleep(100 * 2 ** retry * (0.5 + Math.random()));
    }
  }
}
