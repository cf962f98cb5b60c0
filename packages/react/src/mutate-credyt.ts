import { mountedStores } from "./_internal/store";

/**
 * Re-fetches Credyt data in every mounted `CredytProvider`, from anywhere (outside React too):
 * every key that starts with `key` (a `credytKeys` key), or everything when `key` is omitted.
 * Call it after your own server changed a balance, e.g. after recording usage, and when the
 * signed-in customer changes (it also drops a cached billing portal session).
 *
 * @example
 * import { credytKeys, mutateCredyt } from "@credyt/react";
 * await fetch("/api/generate", { method: "POST" }); // spends credit on the server
 * await mutateCredyt(credytKeys.wallet("/api/credyt"));
 */
export async function mutateCredyt(key?: readonly unknown[]): Promise<void> {
  // Store keys are JSON arrays: `["@credyt","/api/credyt"` is a prefix of `["@credyt","/api/credyt","wallet"]`.
  const prefix = key ? JSON.stringify(key).slice(0, -1) : undefined;
  const matches = (k: string) => prefix === undefined || k === `${prefix}]` || k.startsWith(`${prefix},`);
  // The store's scope covers the key (`wallet`), or the key covers the scope (`all`, or nothing).
  const within = (k: string) => {
    const scope = k.slice(0, -1);
    return prefix !== undefined && (prefix === scope || prefix.startsWith(`${scope},`));
  };
  const runs: Promise<unknown>[] = [];
  for (const store of mountedStores) {
    // The customer may have changed (sign-in, sign-out): drop per-customer state such as a
    // cached billing portal session, even where no balance is shown.
    if (matches(store.scope) || within(store.scope)) store.forget();
    for (const k of store.keys()) if (matches(k)) runs.push(store.refetch(k));
  }
  await Promise.all(runs);
}
