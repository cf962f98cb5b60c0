import { useEffect, useRef, useState } from "react";

/** How long a live change stays cued (`data-change` on the root). */
const CHANGE_CUE_MS = 1200;

/** A live balance is spoken at most this often, however often it moves. */
export const LIVE_ANNOUNCE_MS = 30_000;

/** Hidden on screen, read by screen readers (inline, so it holds in the unstyled mode too). */
export const VISUALLY_HIDDEN = {
  position: "absolute",
  width: "1px",
  height: "1px",
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
} as const;

/** "up" or "down" for a moment after the shown amount changed (not on first load), else undefined. */
export function useChangeCue(amount: number | undefined): "up" | "down" | undefined {
  const last = useRef(amount);
  const [cue, setCue] = useState<"up" | "down" | undefined>(undefined);
  useEffect(() => {
    const before = last.current;
    last.current = amount;
    if (before === undefined || amount === undefined || before === amount) return;
    setCue(amount > before ? "up" : "down");
    const timer = setTimeout(() => setCue(undefined), CHANGE_CUE_MS);
    return () => clearTimeout(timer);
  }, [amount]);
  return cue;
}

/**
 * The text to put in a status region: a change of `text` is passed on at once when nothing was said for
 * `LIVE_ANNOUNCE_MS`, otherwise the latest text is said when that time is up (so a balance that moves every
 * two seconds is announced twice a minute, not thirty times). The first text (on load) is not announced.
 */
export function useThrottledAnnouncement(text: string | undefined): string | undefined {
  const [said, setSaid] = useState<string | undefined>(undefined);
  const first = useRef<string | undefined>(undefined);
  const lastAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (text === undefined) return;
    if (first.current === undefined) {
      first.current = text;
      return;
    }
    if (text === first.current && said === undefined) return;
    if (text === said) return;
    const wait = lastAt.current + LIVE_ANNOUNCE_MS - Date.now();
    const say = () => {
      lastAt.current = Date.now();
      setSaid(text);
    };
    if (wait <= 0) {
      say();
      return;
    }
    const timer = setTimeout(say, wait);
    return () => clearTimeout(timer);
  }, [text, said]);
  return said;
}
