import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { equal, useStable } from "./use-stable";

describe("useStable (issue 23: no ref written in render, no JSON.stringify)", () => {
  it("keeps the first object while the data is equal, takes a new one when it changes", () => {
    const first = { TOK: { label: "tokens" } };
    const { result, rerender } = renderHook(({ value }) => useStable(value), { initialProps: { value: first } });
    rerender({ value: { TOK: { label: "tokens" } } });
    expect(result.current).toBe(first);
    const next = { TOK: { label: "credits" } };
    rerender({ value: next });
    expect(result.current).toBe(next);
  });

  it("compares structurally, where JSON.stringify would not", () => {
    expect(equal({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true); // key order
    expect(equal({ a: undefined }, {})).toBe(false); // JSON drops undefined
    const f = () => {};
    expect(equal({ f }, { f: () => {} })).toBe(false); // JSON drops functions
    expect(equal({ f }, { f })).toBe(true);
    expect(equal([1, [2]], [1, [2]])).toBe(true);
    expect(equal(Number.NaN, Number.NaN)).toBe(true);
  });
});
