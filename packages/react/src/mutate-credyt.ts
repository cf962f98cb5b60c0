import { mountedStores } from "./_internal/store";

/**
 * Re-fetches Credyt data in every mounted `CredytProvider`, from anywhere (outside React too):
 * every key that starts with `key` (a `credytKeys` key), or everything when `key` is omitted.
 * Call it after your own server changed a balance, e.g. after recording usage.
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
  const runs: Promise<unknown>[] = [];
  for (const store of mountedStores) {
    for (const k of store.keys()) if (matches(k)) runs.push(store.refetch(k));
  }
  await Promise.all(runs);
}
