import type { AssetDisplay, CredytClient, CredytError, CredytTransport, Wallet } from "@credyt/core";
import { type CSSProperties, createContext, useContext } from "react";
import type { SWRConfiguration } from "swr";
import type { CredytMessages } from "./messages";
import type { CredytRedirectEvent } from "./redirect-event";
import type { RedirectKind } from "./redirect-kind";
import type { PendingTopUp, ReturnStatus } from "./return-flow";
import type { Scope } from "./scope";
import type { WalletStreamStatus } from "./wallet-subscription";

export type { RedirectKind };

/** Theme settings applied to every component's root element. */
export interface CredytAppearance {
  /** Forces light or dark; `undefined` follows the page's `color-scheme` (light when it declares none). */
  theme?: "light" | "dark" | undefined;
  /** CSS variables without the `--credyt-` prefix, e.g. `{ accent: "#6d28d9", radius: "4px" }`. */
  variables?: Record<string, string> | undefined;
}

/**
 * What the provider makes from `baseUrl`, `fetch`, `headers` and `timeout`: the transport, and only the calls a
 * balance needs. The top-up, portal and usage hooks import their own calls (`createTopUp`, …) and run them on
 * `transport`, so a page that only reads a balance never ships them.
 */
export interface ProviderClient extends Pick<CredytClient, "baseUrl" | "getWallet"> {
  readonly transport: CredytTransport;
}

/** What `navigate` (checkout.ts) needs of the provider: `allowedRedirectHosts` and the latest `onRedirect`. */
export interface CredytRedirect {
  allowedHosts: string[] | undefined;
  onRedirect: (url: string, event: CredytRedirectEvent) => void;
}

export interface CredytContextValue {
  /** The provider's `client` prop as given, else the {@link ProviderClient} it made. */
  client: CredytClient | ProviderClient;
  /** This provider as `mutateCredyt` sees it (also holds the billing portal session's generation). */
  scope: Scope;
  /** `credytKeys.wallet(baseUrl)`: the SWR key of the wallet (`null` in the render that switches customer). */
  walletKey: readonly [string, string, "wallet"] | null;
  /** Fetches the wallet and notes a possible customer change (the SWR fetcher of `walletKey`). */
  fetchWallet: () => Promise<Wallet>;
  /** The wallet hooks' SWR options, under the app's `<SWRConfig>` and the hook's own options. */
  walletConfig: SWRConfiguration<Wallet, CredytError>;
  /** The provider-wide default of `useWallet({ live })` / `<WalletBalance live>`. */
  live: boolean;
  /**
   * Asks for the provider's one live stream (a lazy chunk it loads and renders while any reader wants it, so
   * `useWallet` and `<WalletBalance>` without `live` never ship it); the returned function says it no longer is.
   */
  wantLive(): () => void;
  /** The live stream's status (`connecting` until it runs; `unavailable` when its chunk could not load). */
  liveStatus: WalletStreamStatus;
  /** The provider's `customer` prop as a string: the live stream's scope, so a switch re-opens it. */
  customerScope: string;
  /** The provider's request timeout in ms (the client's `timeoutMs`); also the top-up's own ceiling. */
  timeout: number;
  locale?: string | undefined;
  assets?: Record<string, AssetDisplay> | undefined;
  /** The provider's low-balance levels per asset code (`balanceLevel`'s second argument). */
  lowBalance?: Readonly<Record<string, number>> | undefined;
  /** The provider's `eventLabels`: what `<UsageHistory>` calls each event type. */
  eventLabels?: Record<string, string> | undefined;
  /** The provider's `productLabels`: what `<UsageHistory>` calls each product. */
  productLabels?: Record<string, string> | undefined;
  /** The provider's `labels` (overrides only: components merge `en` under them, see `useUiContext`). */
  labels?: Partial<CredytMessages> | undefined;
  /** The provider's redirect policy and `onRedirect`, for `navigate` (checkout.ts). */
  redirect: CredytRedirect;
  returnStatus: ReturnStatus;
  returnTopUp: PendingTopUp | undefined;
  /** The provider's `appearance` (components turn it into their root's props, see `useUiContext`). */
  appearance?: CredytAppearance | undefined;
}

export const CredytContext = /* @__PURE__ */ createContext<CredytContextValue | null>(null);

/** The provider's context; throws a fix-it error naming `component` outside a provider. */
export function useCredytContext(component: string): CredytContextValue {
  const value = useContext(CredytContext);
  if (!value) throw new Error(`\`${component}\` must be used within \`CredytProvider\`.`);
  return value;
}

/** Fills `{name}` placeholders of a message. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));
}

/** The provider's `--credyt-*` variables under the user's own `style`. */
export function withVariables(
  variables: Record<string, string> | undefined,
  style: CSSProperties | undefined,
): CSSProperties | undefined {
  return variables || style ? { ...variables, ...style } : undefined;
}
