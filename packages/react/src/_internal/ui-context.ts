import { useMemo } from "react";
import { type CredytContextValue, useCredytContext } from "./context";
import type { CredytMessages } from "./messages";

/** The provider's context as a component reads it: with every visible string (English under `labels`). */
export type UiContext = CredytContextValue & {
  t: CredytMessages;
  /** On every root element: `data-credyt-theme` (not `data-theme`, which apps' own theme selectors match). */
  rootProps: { "data-credyt-theme"?: string; style?: Record<string, string> };
};

/**
 * The provider's context plus its messages and its theme as root props. The provider passes only the `labels`
 * overrides; each component passes its English defaults, so `en` ships with the components that show text
 * (and only `balanceEn` with `<WalletBalance>`), never with the provider and the headless hooks.
 */
export function useUiContext(component: string, defaults: Partial<CredytMessages>): UiContext {
  const ctx = useCredytContext(component);
  const { labels, appearance } = ctx;
  // `defaults` holds every string the component shows (`en`, or `balanceEn` for `<WalletBalance>`).
  const t = useMemo(() => ({ ...defaults, ...labels }) as CredytMessages, [defaults, labels]);
  // The provider's theme as root props, made here so the provider and the headless hooks never ship it.
  const rootProps = useMemo(() => {
    const style: Record<string, string> = {};
    for (const [name, v] of Object.entries(appearance?.variables ?? {})) style[`--credyt-${name}`] = v;
    return {
      ...(appearance?.theme ? { "data-credyt-theme": appearance.theme } : {}),
      ...(appearance?.variables ? { style } : {}),
    };
  }, [appearance]);
  return useMemo(() => ({ ...ctx, t, rootProps }), [ctx, t, rootProps]);
}
