import { useEffect, useState } from "react";

/**
 * A dynamic import loaded once and shared by every caller; a load that failed is tried again by the next call.
 *
 * @example
 * const loadCheckout = chunk(() => import("./checkout"));
 */
export function chunk<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/**
 * What `load` gives, once loaded after mount while `wanted` (`undefined` until then, and on the server, so a server
 * render and its hydration never differ). A load that fails calls `failed` and is tried again when `wanted` comes
 * back.
 */
export function useChunk<T>(load: () => Promise<T>, wanted: boolean, failed?: () => void): T | undefined {
  // Boxed: a chunk's export is often a component, which `useState` would take for an updater.
  const [loaded, setLoaded] = useState<{ value: T }>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `failed` is often written inline; a new one is no reason to load again.
  useEffect(() => {
    if (!wanted || loaded) return;
    let mounted = true;
    load().then(
      (value) => mounted && setLoaded({ value }),
      () => mounted && failed?.(),
    );
    return () => {
      mounted = false;
    };
  }, [load, wanted, loaded]);
  return loaded?.value;
}
