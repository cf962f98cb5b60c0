import { type Cache, type ScopedMutator, unstable_serialize } from "swr";
import { covers, mountedScopes } from "./scope";

/**
 * Empties every Credyt entry of one proxy (`prefix`, `credytKeys.all(baseUrl)`) in `cache`, at once and
 * synchronously: the data goes, in-flight requests are no longer shared with the next reader (SWR's dedupe
 * markers are dropped) and their late answers are discarded (SWR's mutation timestamps), and mounted hooks
 * refetch. `useSWRInfinite`'s own entries (`$inf$…`, which SWR's filter `mutate` skips) and entries no hook
 * wrote are deleted outright.
 */
export function purge(cache: Cache, mutate: ScopedMutator, prefix: readonly unknown[]): void {
  const head = unstable_serialize(prefix);
  for (const key of [...cache.keys()]) {
    // SWR's filter reaches only entries a hook wrote (they carry the original key, `_k`).
    const bare = key.replace(/^\$(inf|sub)\$/, "");
    if (bare.startsWith(head) && (bare !== key || (cache.get(key) as { _k?: unknown } | undefined)?._k === undefined))
      cache.delete(key);
  }
  void mutate((key) => covers(prefix, key), undefined, { revalidate: true });
}

/** True when another mounted provider reads the same proxy through the same cache (its `mutate`). */
export function sharedWithMounted(mutate: ScopedMutator, prefix: readonly unknown[]): boolean {
  for (const scope of mountedScopes) {
    if (scope.mutate === mutate && covers(scope.prefix, prefix) && covers(prefix, scope.prefix)) return true;
  }
  return false;
}
