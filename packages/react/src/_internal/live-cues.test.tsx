import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LIVE_ANNOUNCE_MS, useChangeCue, useThrottledAnnouncement } from "./live-cues";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("useThrottledAnnouncement (a live balance is not spoken on every tick)", () => {
  it("says nothing on load, the first change at once, and later changes at most once per window", () => {
    const { result, rerender } = renderHook(({ text }) => useThrottledAnnouncement(text), {
      initialProps: { text: "$14.57" as string | undefined },
    });
    expect(result.current).toBeUndefined();
    rerender({ text: "$12.07" });
    expect(result.current).toBe("$12.07");
    rerender({ text: "$11.07" });
    rerender({ text: "$10.07" });
    expect(result.current).toBe("$12.07");
    act(() => {
      vi.advanceTimersByTime(LIVE_ANNOUNCE_MS);
    });
    // The latest value, once; the ones in between are never spoken.
    expect(result.current).toBe("$10.07");
  });

  it("stays silent while there is nothing to say (not live, or not ready)", () => {
    const { result, rerender } = renderHook(({ text }) => useThrottledAnnouncement(text), {
      initialProps: { text: undefined as string | undefined },
    });
    rerender({ text: undefined });
    expect(result.current).toBeUndefined();
  });
});

describe("useChangeCue", () => {
  it("cues up or down for a moment after a change, never on load", () => {
    const { result, rerender } = renderHook(({ amount }) => useChangeCue(amount), {
      initialProps: { amount: 14.566678 as number | undefined },
    });
    expect(result.current).toBeUndefined();
    rerender({ amount: 15.566678 });
    expect(result.current).toBe("up");
    act(() => {
      vi.advanceTimersByTime(1500);
    });
    expect(result.current).toBeUndefined();
    rerender({ amount: 12 });
    expect(result.current).toBe("down");
  });
});
