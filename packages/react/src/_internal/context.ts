import type { AssetDisplay, CredytClient, Wallet } from "@credyt/core";
import { type CSSProperties, createContext, useContext } from "react";
import type { CredytMessages } from "../messages";
import type { PendingTopUp, ReturnStatus } from "./return-flow";
import type { Store } from "./store";

/** What a redirect is for, passed to `onRedirect`. */
export type RedirectKind = "top_up" | "billing_portal";

/** Theme settings applied to every component's root element. */
export interface CredytAppearance {
  /** Forces light or dark; `undefined` follows `prefers-color-scheme`. */
  theme?: "light" | "dark" | undefined;
  /** CSS variables without the `--credyt-` prefix, e.g. `{ accent: "#6d28d9", radius: "4px" }`. */
  variables?: Record<string, string> | undefined;
}

export interface CredytContextValue {
  client: CredytClient;
  store: Store;
  /** `credytKeys.wallet(baseUrl)`, serialised: the store key of the wallet. */
  walletKey: string;
  locale: string | undefined;
  assets: Record<string, AssetDisplay> | undefined;
  t: CredytMessages;
  fallbackWallet: Wallet | undefined;
  /**
   * Validates a server redirect (throws a `CredytError` if refused) and leaves the page, or hands it
   * to `onRedirect`. True when this page is navigating away.
   */
  navigate: (url: string, kind: RedirectKind, target?: string, win?: Window | null) => boolean;
  /** True when the app handles navigation itself (`onRedirect`). */
  intercepts: boolean;
  returnStatus: ReturnStatus;
  returnTopUp: PendingTopUp | undefined;
  rootProps: { "data-theme"?: string; style?: Record<string, string> };
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
