// The shared call deadlines (issue 26): calls of one short window share a signal and a timer, and no call is
// aborted before its own deadline. Fake timers: every instant below is exact, nothing depends on speed.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_CALLS_PER_WINDOW, MAX_WINDOW_MS, sharedDeadlines } from "./deadline-window";

const TIMEOUT = 10_000;
const WINDOW = 100;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const deadlines = () => {
  const shared = sharedDeadlines(TIMEOUT, { windowMs: WINDOW });
  if (!shared) throw new Error("expected shared deadlines on Node");
  return shared;
};

describe("sharedDeadlines", () => {
  it("a call started later in the same window is not aborted before its own deadline", () => {
    const enter = deadlines();
    const first = enter();
    vi.advanceTimersByTime(WINDOW - 1);
    const later = enter();
    expect(later.signal).toBe(first.signal); // one controller, one timer for both
    expect(vi.getTimerCount()).toBe(1);
    // The first call's deadline passes: still not aborted (the later one's has not).
    vi.advanceTimersByTime(TIMEOUT - WINDOW + 1);
    expect(later.signal.aborted).toBe(false);
    // One millisecond before the later call's own deadline: still running.
    vi.advanceTimersByTime(WINDOW - 2);
    expect(later.signal.aborted).toBe(false);
    expect(later.expired()).toBe(false);
    // Past its deadline (the window's bound, at most one window past the first call's): aborted, and both
    // know it was the deadline.
    vi.advanceTimersByTime(2);
    expect(later.signal.aborted).toBe(true);
    expect(first.expired()).toBe(true);
    expect(later.expired()).toBe(true);
  });

  it("a call that never answers is aborted at most one window after its deadline", () => {
    const enter = deadlines();
    const call = enter();
    vi.advanceTimersByTime(TIMEOUT - 1);
    expect(call.signal.aborted).toBe(false);
    vi.advanceTimersByTime(WINDOW + 1);
    expect(call.signal.aborted).toBe(true);
    expect(call.expired()).toBe(true);
    call.leave();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a call started after the window closed gets a new window and its own full timeout", () => {
    const enter = deadlines();
    const first = enter();
    vi.advanceTimersByTime(WINDOW);
    const next = enter();
    expect(next.signal).not.toBe(first.signal);
    vi.advanceTimersByTime(TIMEOUT);
    expect(first.signal.aborted).toBe(true);
    expect(next.signal.aborted).toBe(false);
    vi.advanceTimersByTime(WINDOW);
    expect(next.signal.aborted).toBe(true);
  });

  it("a closed window whose calls all finished is dropped: its timer cleared, its signal never aborted", () => {
    const enter = deadlines();
    const calls = [enter(), enter(), enter()];
    for (const call of calls) call.leave();
    // Still the current window (a call may join it): its timer stays, unref'd.
    expect(enter.windows()).toBe(1);
    vi.advanceTimersByTime(WINDOW);
    const next = enter();
    expect(enter.windows()).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(TIMEOUT + WINDOW);
    expect(calls[0]?.signal.aborted).toBe(false);
    expect(next.signal.aborted).toBe(true);
  });

  it("a closed window with a call still running keeps its timer until that call ends", () => {
    const enter = deadlines();
    const slow = enter();
    vi.advanceTimersByTime(WINDOW);
    const next = enter();
    expect(enter.windows()).toBe(2);
    slow.leave();
    slow.leave(); // twice counts once
    expect(enter.windows()).toBe(1);
    next.leave();
    expect(slow.signal.aborted).toBe(false);
  });

  it("at most MAX_CALLS_PER_WINDOW calls share a window (Node's fetch leaves a listener per call on it)", () => {
    const enter = deadlines();
    const signals = new Set<AbortSignal>();
    for (let i = 0; i < MAX_CALLS_PER_WINDOW * 3; i++) signals.add(enter().signal);
    expect(signals.size).toBe(3);
  });

  it("the default window is a hundredth of the timeout, at most MAX_WINDOW_MS", () => {
    const enter = sharedDeadlines(TIMEOUT);
    const first = enter?.();
    vi.advanceTimersByTime(MAX_WINDOW_MS - 1);
    expect(enter?.().signal).toBe(first?.signal);
    vi.advanceTimersByTime(1);
    expect(enter?.().signal).not.toBe(first?.signal);
    const short = sharedDeadlines(300);
    const a = short?.();
    vi.advanceTimersByTime(3);
    expect(short?.().signal).not.toBe(a?.signal);
  });

  it("is off on workerd, where a request's timers end with it: each call keeps its own", () => {
    vi.stubGlobal("navigator", { userAgent: "Cloudflare-Workers" });
    expect(sharedDeadlines(TIMEOUT)).toBeUndefined();
  });
});
