import { CredytError, credytKeys, type Wallet } from "@credyt/core";
import { useContext, useMemo } from "react";
import { useSWRConfig } from "swr";
import useSWRSubscription from "swr/subscription";
import { CredytContext } from "./context";
import type {
  EventSourceConstructor,
  EventSourceLike,
  SubscriptionSettings,
  WalletStreamData,
  WalletStreamStatus,
} from "./wallet-subscription";

type Subscribe = ReturnType<typeof import("./wallet-subscription").subscribeWallet>;

/**
 * The stream's code is a lazy chunk, like the top-up dialog: a page that never turns `live` on pays
 * nothing for it. The subscription starts once the chunk is in; closing before that cancels it.
 */
function lazySubscribe(settings: SubscriptionSettings): Subscribe {
  return (key, options) => {
    let stop: (() => void) | undefined;
    let closed = false;
    import("./wallet-subscription").then(
      ({ subscribeWallet }) => {
        if (!closed) stop = subscribeWallet(settings)(key, options);
      },
      (cause: unknown) =>
        options.next(new CredytError("network_error", "Could not load the live balance code.", { cause })),
    );
    return () => {
      closed = true;
      stop?.();
    };
  };
}

export type { EventSourceConstructor, EventSourceLike, WalletStreamStatus };

/** Options of {@link useWalletStream}. */
export interface UseWalletStreamOptions {
  /** Where the proxy is mounted. @default the enclosing `CredytProvider`'s, else "/api/credyt" */
  baseUrl?: string;
  /** Set `false` to close the stream (the hook then does nothing). @default true */
  enabled?: boolean;
  /**
   * Who the stream is for (e.g. the signed-in customer). A change closes the stream and opens a new one, so an
   * open stream never writes the last customer's wallet after a sign-in switch.
   * @default the enclosing `CredytProvider`'s `customer`, else ""
   */
  scope?: string;
  /** The `EventSource` to open the stream with (a polyfill, a test double). @default globalThis.EventSource */
  EventSource?: EventSourceConstructor;
  /** The `fetch` used to ask why a stream closed (404: no stream on this backend). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** A stream that opened but sent nothing for this long is taken as buffered on the way, and given up. @default 15000 */
  firstEventTimeoutMs?: number;
  /** The longest wait between reconnects (they back off from 1 s). @default 30000 */
  maxRetryMs?: number;
}

/** What {@link useWalletStream} answers. */
export interface UseWalletStreamResult {
  /** The latest wallet the stream delivered (also written to the shared cache under `credytKeys.wallet`). */
  data: Wallet | undefined;
  /** Why live updates are unavailable (`not_found`: the backend has no stream; `unauthorized`…), if they are. */
  error: CredytError | undefined;
  /** `connecting`, `live`, `paused` (the page is hidden) or `unavailable` (refreshing on focus instead). */
  status: WalletStreamStatus;
}

const isProduction = () =>
  typeof process !== "undefined" && (process as { env?: Record<string, string> }).env?.NODE_ENV === "production";

/**
 * Keeps the wallet live: opens the proxy's Server-Sent Events stream (`GET {baseUrl}/wallet/stream`)
 * and writes every wallet it delivers into the SWR cache under `credytKeys.wallet(baseUrl)`, so every
 * `useWallet`, `useAccount` and `<WalletBalance>` on the page moves together. One stream per page
 * however many hooks; it reconnects with backoff, closes while the page is hidden and catches up when
 * it shows. Where streams cannot work (server rendering, a backend without the route, a buffering proxy)
 * it gives up quietly (with a console hint outside production) and balances refresh as before.
 *
 * @example
 * function Balance() {
 *   useWalletStream(); // keeps the cache live
 *   const { data } = useWallet();
 *   return <p>{data?.accounts[0]?.available}</p>;
 * }
 */
export function useWalletStream(options: UseWalletStreamOptions = {}): UseWalletStreamResult {
  // Under a provider, its proxy and customer: the stream must write where the balances read.
  const ctx = useContext(CredytContext);
  const {
    baseUrl = ctx?.client.baseUrl ?? "/api/credyt",
    enabled = true,
    scope = ctx?.customerScope ?? "",
    EventSource: Source,
    fetch: doFetch,
    firstEventTimeoutMs = 15_000,
    maxRetryMs = 30_000,
  } = options;
  const { mutate } = useSWRConfig();
  const walletKey = useMemo(() => credytKeys.wallet(baseUrl), [baseUrl]);
  // SWR runs the subscribe of the first hook mounted for the key; later hooks share its stream.
  const subscribe = useMemo(
    () =>
      lazySubscribe({
        url: `${baseUrl.replace(/\/+$/, "")}/wallet/stream`,
        EventSource: Source ?? (globalThis.EventSource as unknown as EventSourceConstructor),
        fetch: (input, init) => (doFetch ?? globalThis.fetch)(input, init),
        write: (wallet) => {
          void mutate(walletKey, wallet, { revalidate: false });
        },
        firstEventTimeoutMs,
        maxRetryMs,
        warn: (message) => {
          if (!isProduction()) console.warn(`[@credyt/react] ${message}`);
        },
      }),
    [baseUrl, Source, doFetch, firstEventTimeoutMs, maxRetryMs, mutate, walletKey],
  );
  const { data, error } = useSWRSubscription<WalletStreamData, CredytError, readonly unknown[] | null>(
    enabled ? [...walletKey, "stream", scope] : null,
    subscribe,
  );
  return {
    data: data?.wallet,
    error,
    status: !enabled ? "paused" : (data?.status ?? "connecting"),
  };
}
