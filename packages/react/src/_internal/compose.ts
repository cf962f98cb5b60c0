import type { SyntheticEvent } from "react";

/** The user's handler first; `event.preventDefault()` in it cancels ours. */
export function compose<E extends SyntheticEvent>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    theirs?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}
