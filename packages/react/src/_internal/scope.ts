import { isCredytKey } from "@credyt/core";
import type { ScopedMutator } from "swr";
import { equal } from "./use-stable";

/**
 * One mounted provider as `mutateCredyt` sees it: the cache's `mutate` (SWR's global one, or the
 * isolated cache's) and a generation that moves whenever the signed-in customer may have changed.
 */
export interface Scope {
  /** `credytKeys.all(baseUrl)`. */
  readonly prefix: readonly unknown[];
  readonly mutate: ScopedMutator;
  /**
   * Moves when the customer may have changed: different wallet data, an `unauthorized` or
   * `forbidden` answer, the provider's `customer` prop, `mutateCredyt()` or a portal `reset()`.
   * Per-customer state kept outside SWR's cache (the billing portal session) is dropped then.
   */
  generation: number;
  forget(): void;
  /** Notes the wallet just fetched: different data than last time moves the generation. */
  saw(wallet: unknown): void;
}

/** The scopes of the mounted providers, for `mutateCredyt`. */
export const mountedScopes = new Set<Scope>();

export function createScope(prefix: readonly unknown[], mutate: ScopedMutator): Scope {
  let seen: unknown;
  return {
    prefix,
    mutate,
    generation: 0,
    forget() {
      this.generation++;
    },
    saw(wallet) {
      // Compared by value (SWR hands out a new object per answer), not by a JSON string.
      if (seen !== undefined && !equal(seen, wallet)) this.generation++;
      seen = wallet;
    },
  };
}

/** True when the array key `key` starts with every element of `prefix` (`credytKeys.all` covers `wallet`). */
export function covers(prefix: readonly unknown[], key: unknown): boolean {
  return (
    isCredytKey(key) &&
    (key as unknown[]).length >= prefix.length &&
    prefix.every((part, i) => equal(part, (key as unknown[])[i]))
  );
}
