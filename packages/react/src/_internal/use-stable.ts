import { useState } from "react";

/**
 * The same object as long as `value` holds the same data: props written inline (`assets={{…}}`,
 * `labels={de}`) are new objects on every parent render, and must not change the context. Kept in
 * state (React's "adjust state while rendering" pattern, no ref written in render), compared
 * structurally (no `JSON.stringify`: key order, `undefined` and functions count as they should).
 */
export function useStable<T>(value: T): T {
  const [stable, setStable] = useState(value);
  if (stable === value || equal(stable, value)) return stable;
  setStable(value);
  return value;
}

/** Deep equality of plain data: primitives, arrays and plain objects; anything else by identity. */
export function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) => Object.hasOwn(b, key) && equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
