import { useState } from "react";
import { SWRConfig } from "swr";

/**
 * Deep equality of data: SWR's own `compare` (dequal), which the page already ships. Primitives (NaN equals
 * NaN), arrays and objects by their entries (key order does not count, an `undefined` entry does), functions
 * by identity.
 */
export const equal: (a: unknown, b: unknown) => boolean = (a, b) => SWRConfig.defaultValue.compare(a, b);

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
