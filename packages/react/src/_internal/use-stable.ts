import { useRef } from "react";

/**
 * The same object as long as `value` holds the same data: props written inline (`assets={{…}}`,
 * `labels={de}`) are new objects on every parent render, and must not change the context.
 */
export function useStable<T>(value: T): T {
  const ref = useRef(value);
  if (ref.current !== value && !sameJson(ref.current, value)) ref.current = value;
  return ref.current;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
