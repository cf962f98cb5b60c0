import type { ScopedMutator } from "swr";
import { covers, mountedScopes } from "./scope";

/**
 * Re-fetches Credyt data in every mounted `CredytProvider`, from anywhere (outside React too),
 * whichever SWR cache each uses (shared or `cache="isolated"`): every key that starts with `key`
 * (a `credytKeys` key), or everything when `key` is omitted. It also drops a cached billing portal
 * session, so call it when the signed-in customer changes (or use the provider's `customer` prop).
 * With the shared cache, SWR's own `mutate(credytKeys.wallet(baseUrl))` refreshes balances too.
 *
 * @example
 * import { credytKeys, mutateCredyt } from "@credyt/react";
 * await fetch("/api/generate", { method: "POST" }); // spends credit on the server
 * await mutateCredyt(credytKeys.wallet("/api/credyt"));
 */
export async function mutateCredyt(key?: readonly unknown[]): Promise<void> {
  const matches = (k: unknown) => covers(key ?? [], k);
  const caches = new Set<ScopedMutator>();
  for (const scope of mountedScopes) {
    // The scope covers the key (`wallet`), or the key covers the scope (`all`, or nothing): the
    // customer may have changed, so drop per-customer state such as a billing portal session.
    if (matches(scope.prefix) || covers(scope.prefix, key ?? scope.prefix)) scope.forget();
    caches.add(scope.mutate);
  }
  // One call per cache (providers may share one); SWR re-fetches the keys that mounted hooks read.
  await Promise.all([...caches].map((mutate) => mutate(matches)));
}
