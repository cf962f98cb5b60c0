import {
  type AssetDisplay,
  CACHE_PREFIX,
  type CredytClient,
  createCredytTransport,
  DEFAULT_CLIENT_TIMEOUT_MS,
  fetchWallet as getWallet,
  RETURN_PARAM,
  type Wallet,
} from "@credyt/core";
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { SWRConfig, useSWRConfig } from "swr";
import {
  type CredytAppearance,
  CredytContext,
  type CredytContextValue,
  type ProviderClient,
  type RedirectKind,
} from "./context";
import { chunk, useChunk } from "./lazy";
import { loadLiveStream } from "./live-demand";
import type { CredytMessages } from "./messages";
import { purge, sharedWithMounted } from "./purge";
import type { CredytRedirectEvent } from "./redirect-event";
import type { PendingTopUp, ReturnStatus } from "./return-flow";
import { createScope, mountedScopes } from "./scope";
import { walletOptions } from "./swr-options";
import { toCredytError } from "./to-credyt-error";
import { useStable } from "./use-stable";
import type { WalletStreamStatus } from "./wallet-subscription";

export type { CredytAppearance, CredytRedirectEvent, RedirectKind };

/** Props of {@link CredytProvider}. */
export interface CredytProviderProps {
  /** Your app, or the part of it that shows Credyt data. */
  children?: ReactNode;
  /** Where your Credyt proxy is mounted. Ignored when `client` is given. @default "/api/credyt" */
  baseUrl?: string;
  /** A ready client (any transport, or `createMockClient()` in tests). Overrides `baseUrl`, `fetch`, `headers`, `timeout`. */
  client?: CredytClient;
  /** A `fetch` to use instead of the global one (the latest one is used; a new function each render costs nothing). */
  fetch?: typeof fetch;
  /** Extra headers on every request, e.g. a CSRF token. */
  headers?: HeadersInit | (() => HeadersInit);
  /** Milliseconds before a request fails with a `timeout` error (components then offer Retry). @default 15000 */
  timeout?: number;
  /** BCP 47 locale for amounts (`Intl.NumberFormat`). @default the browser's locale */
  locale?: string;
  /** Display of custom assets, keyed by asset code: `{ TOK: { label: "tokens", compact: true } }`. */
  assets?: Record<string, AssetDisplay>;
  /**
   * The low-balance level per asset code, set once for every component: `{ USD: 5, TOK: 100000 }`. Below it
   * (and at or above zero) `<WalletBalance>` flags the balance `low` and `<LowBalanceNotice>` shows; each
   * may override it with its own `lowBalance`. The rule is `balanceLevel`.
   */
  lowBalance?: Record<string, number>;
  /** Overrides of any visible string, or a whole message set (`de`, `fr`, `es`, `ja`). @default en */
  labels?: Partial<CredytMessages>;
  /**
   * What usage events are called in `<UsageHistory>`, by event type: `{ video_promoted: "Video boost" }`.
   * A type without an entry shows the event's `description`, else its type made readable ("Video promoted").
   */
  eventLabels?: Record<string, string>;
  /**
   * What `<UsageHistory>` calls each product an event was charged for, by product code:
   * `{ glitch_video_std: "Standard video" }`. A code without an entry is made readable ("Glitch video std").
   */
  productLabels?: Record<string, string>;
  /** Theme: `theme` forces light or dark, `variables` set `--credyt-*` custom properties. */
  appearance?: CredytAppearance;
  /** Hosts (`"pay.example.com"`, `"*.example.com"`) checkout and portal URLs may point to, besides the page's own. @default ["credyt.ai", "*.credyt.ai"] */
  allowedRedirectHosts?: string[];
  /**
   * Called before the page leaves for checkout or the billing portal, with the already validated URL:
   * track "checkout started" / "portal opened" here. Navigation follows unless you call
   * `event.preventDefault()` (then the URL is yours: a client-side router, a confirm step, a test).
   */
  onRedirect?: (url: string, event: CredytRedirectEvent) => void;
  /**
   * The wallet your server already fetched (`credyt.api.getWallet`), rendered at once with no loading
   * state (and no suspense), then revalidated.
   */
  initialWallet?: Wallet;
  /**
   * Which SWR cache the hooks use. `"shared"`: the app's (the nearest `<SWRConfig>`'s, else SWR's
   * global cache), so `mutate(credytKeys.wallet(baseUrl))` from `swr` reaches our balances.
   * `"isolated"`: a cache of this provider's own (reach it with `mutateCredyt`). Fixed for the
   * provider's life. Either way the app's `<SWRConfig>` options apply. @default "shared"
   */
  cache?: "shared" | "isolated";
  /**
   * Who is signed in (any id of yours; `null` when signed out). When it changes, every Credyt entry
   * of the cache is cleared and re-fetched, and the cached billing portal session is dropped, so
   * one customer's data never shows for the next.
   */
  customer?: string | null;
  /**
   * Keep every balance under this provider live: `useWallet` and `<WalletBalance>` follow the proxy's
   * Server-Sent Events stream (`GET {baseUrl}/wallet/stream`), so usage billed anywhere shows within
   * seconds, in every tab, without focus or reload. Each hook or component can override it with its own
   * `live`. Where streams cannot work (SSR, an older proxy, a buffering proxy) balances refresh as before.
   * @default false
   */
  live?: boolean;
}

/**
 * What outlives a provider, per SWR cache and proxy (`baseUrl`): the last `customer` its entries belong to, and
 * the last `Credyt-Customer-Ref` the proxy answered with (a new one means another customer).
 */
const byCache = new WeakMap<object, { customers: Map<string, string | null | undefined>; refs: Map<string, string> }>();
function remembered(cache: object) {
  let maps = byCache.get(cache);
  if (!maps) {
    maps = { customers: new Map(), refs: new Map() };
    byCache.set(cache, maps);
  }
  return maps;
}

const NOT_RETURNING: [ReturnStatus, PendingTopUp | undefined] = ["idle", undefined];
const loadReturnWatch = /* @__PURE__ */ chunk(() => import("./return-watch").then((m) => m.ReturnWatch));

const useIsomorphicLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/**
 * Connects the Credyt components and hooks to your proxy. Put it once near the root of your app.
 * The hooks are SWR hooks on the `credytKeys` keys: one wallet request however many components
 * read it, revalidation on focus and reconnect, retries with backoff, and your `<SWRConfig>`
 * applies. `cache="isolated"` keeps Credyt's entries out of your app's SWR cache.
 *
 * @example
 * <CredytProvider baseUrl="/api/credyt" locale="en-US" customer={user?.id ?? null}>
 *   <WalletBalance account="USD" />
 *   <TopUpButton amount={20} currency="USD" />
 * </CredytProvider>
 */
export function CredytProvider(props: CredytProviderProps): ReactNode {
  const isolated = props.cache === "isolated";
  // A cache of its own: SWRConfig calls `provider` once, on mount.
  const config = useMemo(() => (isolated ? { provider: () => new Map() } : undefined), [isolated]);
  const inner = <CredytScope {...props} />;
  return config ? <SWRConfig value={config}>{inner}</SWRConfig> : inner;
}

function CredytScope(props: CredytProviderProps): ReactNode {
  const {
    children,
    baseUrl,
    client: given,
    fetch,
    headers,
    timeout,
    onRedirect,
    customer,
    live = false,
    cache: cacheKind,
    initialWallet: initial,
    allowedRedirectHosts: hosts,
    ...display
  } = props;
  // Object props written inline (`assets={{…}}`, `labels={de}`) are new each render: compared by value, they keep
  // the context the same. `display` is what the components show with: locale, assets, lowBalance, labels, …
  const shown = useStable(display);
  const initialWallet = useStable(initial);
  const allowedRedirectHosts = useStable(hosts);
  // Functions written inline are new each render: read the latest per request or click instead of
  // re-creating the client (the cache key does not depend on it, but a new client means new fetchers).
  const latest = useRef({ fetch, headers, onRedirect, allowedRedirectHosts, onCustomerRef: (_ref: string) => {} });
  // A transport, not a whole client: the hooks that start a checkout, open the portal or read usage import
  // their own calls (a bundler drops the rest), and those calls check each redirect against the policy below.
  const client = useMemo((): CredytClient | ProviderClient => {
    if (given) return given;
    const transport = createCredytTransport({
      baseUrl,
      fetch: (input, init) => (latest.current.fetch ?? globalThis.fetch)(input, init),
      headers: () => {
        const h = latest.current.headers;
        return typeof h === "function" ? h() : (h ?? {});
      },
      timeoutMs: timeout,
      // Read the provider's latest redirect policy per request.
      allowedRedirectHosts: () => latest.current.allowedRedirectHosts,
      onCustomerRef: (ref) => latest.current.onCustomerRef(ref),
    });
    return {
      baseUrl: transport.baseUrl,
      transport,
      getWallet: (opts) => getWallet(transport, opts),
    };
  }, [given, baseUrl, timeout]);
  const base = client.baseUrl;
  const { cache, mutate, unload, onErrorRetry, errorRetryCount } = useSWRConfig();
  const scope = useMemo(() => createScope([CACHE_PREFIX, base], mutate) /* credytKeys.all(base) */, [base, mutate]);
  const { customers, refs } = remembered(cache);
  // The server answered for another customer than the last answer did (its `Credyt-Customer-Ref`):
  // nothing cached for the last one may stay, so every entry of this proxy goes and is fetched again.
  const onCustomerRef = useCallback(
    (ref: string) => {
      const last = refs.get(base);
      refs.set(base, ref);
      if (last === undefined || last === ref) return;
      scope.forget();
      purge(cache, mutate, scope.prefix);
    },
    [cache, mutate, scope, refs, base],
  );
  useIsomorphicLayoutEffect(() => {
    latest.current = { fetch, headers, onRedirect, allowedRedirectHosts, onCustomerRef };
  });
  useEffect(() => {
    mountedScopes.add(scope);
    return () => void mountedScopes.delete(scope);
  }, [scope]);
  // Without a `customer` prop, a different wallet is the only hint that someone else signed in, so it
  // drops the cached portal session (a sign-in link). With it, identity is known: balances that move
  // (usage, live streams) keep the prefetched session.
  const identified = customer !== undefined;
  const fetchWallet = useCallback(async () => {
    try {
      const wallet = await client.getWallet();
      if (!identified) scope.saw(wallet);
      return wallet;
    } catch (thrown) {
      const error = toCredytError(thrown);
      if (error.code === "unauthorized" || error.code === "forbidden") scope.forget();
      throw error;
    }
  }, [client, scope, identified]);

  // Another customer signed in (or out): nothing of the last one may stay on screen or in the cache.
  // The render that sees the new `customer` reads no key (and keeps no previous data); the layout
  // effect below then empties the cache before the browser paints.
  const [switched, setSwitched] = useState(false);
  // The cache outlives a provider: one mounted again for another customer (after a sign-in page)
  // must clear what the last one left, so the last customer is remembered per cache and proxy.
  // A provider that mounts starts empty unless it knows the cache holds its own customer's data (the same
  // `customer` as the last provider on this cache) or another mounted provider shares the entries: the
  // app's SWR cache outlives a sign-out, and without `customer` nothing says whose data it holds. This runs
  // in the first render (once per mount), before any hook reads the cache, so not one frame shows it.
  const [purged] = useState(() => {
    const known = identified && customers.has(base) && customers.get(base) === customer;
    if (known || sharedWithMounted(mutate, scope.prefix)) return false;
    purge(cache, mutate, scope.prefix);
    refs.delete(base);
    return true;
  });
  const lastCustomer = useRef(!purged && customers.has(base) ? customers.get(base) : customer);
  const switching = lastCustomer.current !== customer;
  // `credytKeys.wallet(base)`, spelled out so a page that reads a balance does not ship every key maker.
  const key = useMemo(() => [CACHE_PREFIX, base, "wallet"] as const, [base]);
  const walletKey = switching ? null : key;
  useIsomorphicLayoutEffect(() => {
    if (identified) customers.set(base, customer);
    if (lastCustomer.current === customer) return;
    lastCustomer.current = customer;
    scope.forget();
    setSwitched(true);
    if (cacheKind === "isolated") void unload();
    else purge(cache, mutate, scope.prefix);
  }, [customer]);

  const walletConfig = useMemo(
    // Data kept from the previous key (`keepPreviousData`) could be another customer's after a switch.
    () => walletOptions({ onErrorRetry, errorRetryCount }, initialWallet, !switched && !switching),
    [onErrorRetry, errorRetryCount, initialWallet, switched, switching],
  );
  // The checkout-return flow is a lazy chunk, loaded after hydration only when the URL carries the proxy's
  // return marker; it removes the marker and re-fetches the wallet until the credit lands. A chunk that cannot
  // load leaves balances refreshing as usual, without the return's status.
  const [[returnStatus, returnTopUp], setReturned] = useState<[ReturnStatus, PendingTopUp | undefined]>(NOT_RETURNING);
  const Watch = useChunk(loadReturnWatch, typeof location !== "undefined" && location.search.includes(RETURN_PARAM));
  // The live stream is a lazy chunk too, loaded and rendered while any reader wants it (`useLive`).
  const [liveReaders, setLiveReaders] = useState(0);
  const [liveStatus, setLiveStatus] = useState<WalletStreamStatus>("connecting");
  const Stream = useChunk(loadLiveStream, liveReaders > 0, () => setLiveStatus("unavailable"));
  const wantLive = useCallback(() => {
    setLiveReaders((n) => n + 1);
    return () => setLiveReaders((n) => n - 1);
  }, []);

  const redirect = useMemo(
    () => ({
      allowedHosts: allowedRedirectHosts,
      onRedirect: (url: string, event: CredytRedirectEvent) => latest.current.onRedirect?.(url, event),
    }),
    [allowedRedirectHosts],
  );

  const customerScope = customer == null ? "" : String(customer);
  const value = useMemo<CredytContextValue>(
    () => ({
      ...shown,
      client,
      scope,
      walletKey,
      fetchWallet,
      walletConfig,
      live,
      wantLive,
      liveStatus,
      customerScope,
      timeout: timeout ?? DEFAULT_CLIENT_TIMEOUT_MS,
      redirect,
      returnStatus,
      returnTopUp,
    }),
    [
      shown,
      client,
      scope,
      walletKey,
      fetchWallet,
      walletConfig,
      live,
      wantLive,
      liveStatus,
      customerScope,
      timeout,
      redirect,
      returnStatus,
      returnTopUp,
    ],
  );

  return (
    <CredytContext.Provider value={value}>
      {Watch ? (
        <Watch walletKey={walletKey} fetcher={fetchWallet} config={walletConfig} onChange={setReturned} />
      ) : null}
      {Stream && liveReaders > 0 && walletKey !== null ? (
        <Stream baseUrl={base} scope={customerScope} onStatus={setLiveStatus} />
      ) : null}
      {children}
    </CredytContext.Provider>
  );
}
