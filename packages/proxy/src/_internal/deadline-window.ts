/**
 * Bounds upstream calls with one `AbortController` and one timer per short window of time instead of one per
 * call (issue 26: on Node 20 an `AbortSignal` costs a `makeTransferable`, and Node's fetch sets the max
 * listeners of every fresh signal it is given; a timer per call adds a timer-list insert and removal).
 *
 * Calls that start in the same window (at most `windowMs` long, at most {@link MAX_CALLS_PER_WINDOW} calls)
 * share its signal, which aborts `timeoutMs + windowMs` after the window opened: never before any of its calls
 * reached its own deadline (each started within `windowMs` of the opening), and at most `windowMs` after it.
 * Once a window is closed (a newer one opened) and its last call finished, its timer is cleared and it is
 * dropped with its signal, so listeners a `fetch` left on that signal go with it: they never pile up past one
 * window's calls.
 *
 * Only where timers and signals outlive the request that made them (Node, Bun, Deno): workerd drops a
 * request's timers when that request ends, so there every call keeps its own controller and timer
 * ({@link sharedDeadlines} answers `undefined`).
 */

/**
 * A window's calls at most: Node's fetch adds a listener per call to the signal, and walks them all on each
 * further call (past 10), and each listener (with its FinalizationRegistry entry) lives as long as the window:
 * a few calls keep that walk short and those objects short-lived. Issue 26 (noisy, shared machine): at 50
 * concurrent calls, 64 a window measured no better than a controller per call; 16 did, and one controller per 16
 * calls already saves most of the per-call cost.
 */
export const MAX_CALLS_PER_WINDOW = 16;

/** The longest window: a call's 504 comes at most this much after its `timeoutMs`. */
export const MAX_WINDOW_MS = 100;

/** One call's share of a window: its signal, whether the window's deadline passed, and its end. */
export interface DeadlineSlot {
  readonly signal: AbortSignal;
  /** True once the window's timer fired: the call (started in it) is past its own deadline. */
  expired(): boolean;
  /** The call is over (answered, failed or aborted); call exactly once. */
  leave(): void;
}

interface Window {
  readonly controller: AbortController;
  readonly openedAt: number;
  calls: number;
  running: number;
  expired: boolean;
  closed: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

type Timer = ReturnType<typeof setTimeout> & { unref?: () => unknown };

/**
 * The shared deadlines of one proxy's calls, or `undefined` where they cannot be shared (see above).
 * `now` and the window length are for tests.
 */
export function sharedDeadlines(
  timeoutMs: number,
  options: { windowMs?: number; now?: () => number } = {},
): ((() => DeadlineSlot) & { windows(): number }) | undefined {
  if (!timersOutliveRequests()) return undefined;
  const windowMs = options.windowMs ?? Math.min(MAX_WINDOW_MS, Math.max(1, Math.floor(timeoutMs / 100)));
  const now = options.now ?? Date.now;
  let current: Window | undefined;
  // Windows with a timer still set: the current one and closed ones with calls still running.
  let live = 0;

  const drop = (window: Window) => {
    if (window.timer !== undefined) {
      clearTimeout(window.timer);
      window.timer = undefined;
      live--;
    }
  };
  const open = (at: number): Window => {
    const window: Window = {
      controller: new AbortController(),
      openedAt: at,
      calls: 0,
      running: 0,
      expired: false,
      closed: false,
      timer: undefined,
    };
    const timer = setTimeout(() => {
      window.timer = undefined;
      live--;
      window.expired = true;
      if (current === window) current = undefined;
      window.controller.abort();
    }, timeoutMs + windowMs) as Timer;
    // An idle proxy's last window must not keep the process alive for `timeoutMs`: a call in flight does.
    timer.unref?.();
    window.timer = timer;
    live++;
    return window;
  };

  const enter = (): DeadlineSlot => {
    const at = now();
    let window = current;
    if (
      window === undefined ||
      window.calls >= MAX_CALLS_PER_WINDOW ||
      at - window.openedAt >= windowMs ||
      at < window.openedAt
    ) {
      if (window !== undefined) {
        window.closed = true;
        if (window.running === 0) drop(window);
      }
      window = open(at);
      current = window;
    }
    const joined = window;
    joined.calls++;
    joined.running++;
    let left = false;
    return {
      signal: joined.controller.signal,
      expired: () => joined.expired,
      leave() {
        if (left) return;
        left = true;
        joined.running--;
        if (joined.closed && joined.running === 0 && !joined.expired) drop(joined);
      },
    };
  };
  return Object.assign(enter, { windows: () => live });
}

/**
 * True where a timer or signal made while serving one request still works while serving the next: every
 * runtime but Cloudflare's workerd (which drops a request's timers when it ends, and says who it is in
 * `navigator.userAgent`).
 */
function timersOutliveRequests(): boolean {
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  if (typeof agent === "string" && agent.startsWith("Cloudflare-Workers")) return false;
  const process = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof process?.versions?.node === "string";
}
