import type { CredytError } from "@credyt/core";
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { toCredytError } from "./to-credyt-error";

/**
 * A deliberately tiny stale-while-revalidate cache. SWR alone is 6.4 KB min+gzip, which left no
 * room in the 8 KB budget of `<WalletBalance>` for the client and the component; this keeps the
 * parts we use: one request per key however many readers, dedupe, revalidate on mount, focus and
 * reconnect, `mutate`, and server `fallback` data.
 */
export interface Snapshot<T> {
  data: T | undefined;
  error: CredytError | undefined;
  isValidating: boolean;
  /** True once a request for this key has started (so "no data yet" is loading, not idle). */
  started: boolean;
}

interface Entry {
  snap: Snapshot<unknown>;
  /** `snap` with `isValidating` pinned to false: a new object only when data, error or started change. */
  quiet: Snapshot<unknown>;
  /** The last fetcher used for this key, so `mutateCredyt` can re-fetch from outside React. */
  fetcher?: () => Promise<unknown>;
  listeners: Set<() => void>;
  inflight?: Promise<unknown> | undefined;
  at: number;
}

/** Requests for the same key closer together than this share one answer. */
const DEDUPE_MS = 2000;
const EMPTY: Snapshot<never> = { data: undefined, error: undefined, isValidating: false, started: false };

/** One provider's cache, keyed by the serialised `credytKeys` key. */
export interface Store {
  /** `credytKeys.all(baseUrl)`, serialised: every key of this store starts with it. */
  readonly scope: string;
  get<T>(key: string): Snapshot<T>;
  /** Like `get`, but unchanged while only `isValidating` flips: readers that ignore it do not re-render. */
  quiet<T>(key: string): Snapshot<T>;
  subscribe(key: string, listener: () => void): () => void;
  /** Fetches unless a request is in flight or one finished within the dedupe window (`force` skips the window). */
  revalidate<T>(key: string, fetcher: () => Promise<T>, force?: boolean): Promise<T | undefined>;
  /** Writes data (after a checkout return, or from `mutate(data)`). */
  set<T>(key: string, data: T): void;
  /** Every key with a known fetcher. */
  keys(): string[];
  /** Re-fetches `key` with its last fetcher. */
  refetch(key: string): Promise<unknown>;
  /**
   * A counter that moves whenever the signed-in customer may have changed: loaded data replaced by
   * different data, an `unauthorized`/`forbidden` answer, or `forget()` (`mutateCredyt` calls it).
   * Per-customer state kept outside the cache (the billing portal session) is dropped when it moves.
   */
  generation(): number;
  /** Moves `generation()`. */
  forget(): void;
}

/** The stores of the mounted providers, for `mutateCredyt`. */
export const mountedStores = new Set<Store>();

export function createStore(scope = ""): Store {
  const entries = new Map<string, Entry>();
  let generation = 0;
  const entry = (key: string): Entry => {
    let e = entries.get(key);
    if (!e) {
      e = { snap: EMPTY, quiet: EMPTY, listeners: new Set(), at: 0 };
      entries.set(key, e);
    }
    return e;
  };
  const write = (e: Entry, patch: Partial<Snapshot<unknown>>) => {
    // A revalidation that returns the same wallet keeps the old object, so nothing re-renders.
    if ("data" in patch && patch.data !== e.snap.data && sameJson(patch.data, e.snap.data)) patch.data = e.snap.data;
    const prev = e.snap;
    e.snap = { ...prev, ...patch };
    const code = patch.error?.code;
    if (
      (prev.data !== undefined && e.snap.data !== prev.data) ||
      (patch.error !== prev.error && (code === "unauthorized" || code === "forbidden"))
    ) {
      generation++;
    }
    if (e.snap.data !== prev.data || e.snap.error !== prev.error || e.snap.started !== prev.started) {
      e.quiet = { ...e.snap, isValidating: false };
    }
    for (const listener of e.listeners) listener();
  };
  return {
    scope,
    get: <T>(key: string) => (entries.get(key)?.snap ?? EMPTY) as Snapshot<T>,
    quiet: <T>(key: string) => (entries.get(key)?.quiet ?? EMPTY) as Snapshot<T>,
    subscribe(key, listener) {
      const e = entry(key);
      e.listeners.add(listener);
      return () => e.listeners.delete(listener);
    },
    revalidate<T>(key: string, fetcher: () => Promise<T>, force = false) {
      const e = entry(key);
      e.fetcher = fetcher;
      if (e.inflight) return e.inflight as Promise<T | undefined>;
      if (!force && e.snap.started && Date.now() - e.at < DEDUPE_MS) return Promise.resolve(e.snap.data as T);
      write(e, { isValidating: true, started: true });
      // Settle before notifying: a reader that re-renders on this answer and calls `mutate()` in an
      // effect (which React runs synchronously for store updates) must start a new request, not get
      // this finished one back.
      const settle = () => {
        e.at = Date.now();
        if (e.inflight === run) e.inflight = undefined;
      };
      const run: Promise<T | undefined> = fetcher().then(
        (data) => {
          settle();
          write(e, { data, error: undefined, isValidating: false });
          return data;
        },
        (error: unknown) => {
          settle();
          // Keep the last good data: components show it marked stale next to the error.
          write(e, { error: toCredytError(error), isValidating: false });
          return undefined;
        },
      );
      e.inflight = run;
      return run;
    },
    set(key, data) {
      const e = entry(key);
      e.at = Date.now();
      write(e, { data, error: undefined, started: true });
    },
    keys: () => [...entries].filter(([, e]) => e.fetcher).map(([key]) => key),
    refetch(key) {
      const fetcher = entries.get(key)?.fetcher;
      return fetcher ? this.revalidate(key, fetcher, true) : Promise.resolve(undefined);
    },
    generation: () => generation,
    forget() {
      generation++;
    },
  };
}

/** What the data hooks return: SWR's field names. */
export interface CredytResponse<T> {
  data: T | undefined;
  error: CredytError | undefined;
  /** No data yet and a request in flight (or about to start). */
  isLoading: boolean;
  isValidating: boolean;
  /** Re-fetches (no argument) or writes `data` into the cache. Resolves with the data. */
  mutate: (data?: T) => Promise<T | undefined>;
}

/** Reads `key` from the store, fetching on mount, window focus and reconnect. */
export function useResource<T>(
  store: Store,
  key: string,
  fetcher: () => Promise<T>,
  fallbackData: T | undefined,
): CredytResponse<T> {
  const subscribe = useCallback((listener: () => void) => store.subscribe(key, listener), [store, key]);
  // Like SWR, re-render on `isValidating` only for components that read it.
  const tracksValidating = useRef(false);
  const read = () => (tracksValidating.current ? store.get<T>(key) : store.quiet<T>(key));
  const snap = useSyncExternalStore(subscribe, read, read);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `fetcher` is a new closure each render; the key identifies the request.
  useEffect(() => {
    const refresh = () => void store.revalidate(key, fetcher);
    refresh();
    const onVisible = () => document.visibilityState === "visible" && refresh();
    addEventListener("focus", refresh);
    addEventListener("online", refresh);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      removeEventListener("focus", refresh);
      removeEventListener("online", refresh);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [store, key]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const mutate = useCallback(
    (data?: T) => {
      if (data === undefined) return store.revalidate(key, fetcher, true);
      store.set(key, data);
      return Promise.resolve(data);
    },
    [store, key],
  );

  const data = snap.data ?? fallbackData;
  return {
    data,
    error: snap.error,
    isLoading: data === undefined && snap.error === undefined,
    get isValidating() {
      tracksValidating.current = true;
      return store.get<T>(key).isValidating;
    },
    mutate,
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
