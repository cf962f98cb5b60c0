import { type AssetDisplay, type CredytClient, createCredytClient, credytKeys, type Wallet } from "@credyt/core";
import { type ReactNode, useCallback, useEffect, useMemo, useRef } from "react";
import { type CredytAppearance, CredytContext, type CredytContextValue, type RedirectKind } from "./_internal/context";
import { checkRedirect } from "./_internal/redirect";
import { useReturnFlow } from "./_internal/return-flow";
import { createStore, mountedStores } from "./_internal/store";
import { type CredytMessages, en } from "./messages";

export type { CredytAppearance, RedirectKind };

/** Props of {@link CredytProvider}. */
export interface CredytProviderProps {
  children?: ReactNode;
  /** Where your Credyt proxy is mounted. Ignored when `client` is given. @default "/api/credyt" */
  baseUrl?: string;
  /** A ready client (any transport, or `createMockClient()` in tests). Overrides `baseUrl`, `fetch`, `headers`. */
  client?: CredytClient;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** Extra headers on every request, e.g. a CSRF token. */
  headers?: HeadersInit | (() => HeadersInit);
  /** BCP 47 locale for amounts (`Intl.NumberFormat`). @default the browser's locale */
  locale?: string;
  /** Display of custom assets, keyed by asset code: `{ TOK: { label: "tokens", compact: true } }`. */
  assets?: Record<string, AssetDisplay>;
  /** Overrides of any visible string, or a whole message set (`de`, `fr`, `es`, `ja`). @default en */
  labels?: Partial<CredytMessages>;
  /** Theme: `theme` forces light or dark, `variables` set `--credyt-*` custom properties. */
  appearance?: CredytAppearance;
  /** Hosts (`"pay.example.com"`, `"*.example.com"`) checkout and portal URLs may point to, besides the page's own. @default ["credyt.ai", "*.credyt.ai"] */
  allowedRedirectHosts?: string[];
  /** Called instead of navigating, with an already validated URL (client-side routers, tests). */
  onRedirect?: (url: string, info: { kind: RedirectKind; target?: string | undefined }) => void;
  /** Data your server already fetched, rendered with no loading state: `{ wallet }`. */
  fallback?: { wallet?: Wallet };
}

/**
 * Connects the Credyt components and hooks to your proxy. Put it once near the root of your app.
 * It keeps its own small cache (one wallet request however many components read it) and never
 * touches your app's SWR or React Query cache.
 *
 * @example
 * <CredytProvider baseUrl="/api/credyt" locale="en-US">
 *   <WalletBalance asset="USD" />
 *   <TopUpButton amount={20} currency="USD" />
 * </CredytProvider>
 */
export function CredytProvider(props: CredytProviderProps): ReactNode {
  const { baseUrl, client: given, fetch, headers, locale, assets, labels, appearance } = props;
  const { allowedRedirectHosts, onRedirect, fallback } = props;
  // `headers` is often a new object each render: read the latest per request instead of
  // re-creating the client (which would change the cache key's identity).
  const headersRef = useRef(headers);
  headersRef.current = headers;
  const client = useMemo(
    () =>
      given ??
      createCredytClient({
        baseUrl,
        fetch,
        headers: () => {
          const h = headersRef.current;
          return typeof h === "function" ? h() : (h ?? {});
        },
      }),
    [given, baseUrl, fetch],
  );
  const walletKey = JSON.stringify(credytKeys.wallet(client.baseUrl));
  // One cache per provider and client: tests and stories never leak data into each other.
  const store = useMemo(() => createStore(JSON.stringify(credytKeys.all(client.baseUrl))), [client]);
  useEffect(() => {
    mountedStores.add(store);
    return () => void mountedStores.delete(store);
  }, [store]);
  const refresh = useCallback(
    (force: boolean) => store.revalidate<Wallet>(walletKey, () => client.getWallet(), force),
    [store, walletKey, client],
  );
  const [returnStatus, returnTopUp] = useReturnFlow(refresh);

  const navigate = useCallback(
    (url: string, kind: RedirectKind, target?: string, win?: Window | null) => {
      const safe = checkRedirect(url, allowedRedirectHosts);
      if (onRedirect) {
        onRedirect(safe, { kind, target });
        return false;
      }
      if (win) win.location.href = safe;
      else location.assign(safe);
      return !win;
    },
    [allowedRedirectHosts, onRedirect],
  );

  const value = useMemo<CredytContextValue>(() => {
    const style: Record<string, string> = {};
    for (const [name, v] of Object.entries(appearance?.variables ?? {})) style[`--credyt-${name}`] = v;
    return {
      client,
      store,
      walletKey,
      locale,
      assets,
      t: labels ? { ...en, ...labels } : en,
      fallbackWallet: fallback?.wallet,
      navigate,
      intercepts: onRedirect !== undefined,
      returnStatus,
      returnTopUp,
      rootProps: {
        ...(appearance?.theme ? { "data-theme": appearance.theme } : {}),
        ...(appearance?.variables ? { style } : {}),
      },
    };
  }, [
    client,
    store,
    walletKey,
    locale,
    assets,
    labels,
    appearance,
    fallback,
    navigate,
    onRedirect,
    returnStatus,
    returnTopUp,
  ]);

  return <CredytContext.Provider value={value}>{props.children}</CredytContext.Provider>;
}
