import { useMemo } from "react";
import { type CredytContextValue, useCredytContext } from "./context";
import { type CredytMessages, en } from "./messages";

/** The provider's context as a component reads it: with every visible string (English under `labels`). */
export type UiContext = CredytContextValue & { t: CredytMessages };

/**
 * The provider's context plus its messages. The provider passes only the `labels` overrides, so `en` ships
 * with the components that show text, never with the provider and the headless hooks.
 */
export function useUiContext(component: string): UiContext {
  const ctx = useCredytContext(component);
  const { labels } = ctx;
  const t = useMemo(() => (labels ? { ...en, ...labels } : en), [labels]);
  return useMemo(() => ({ ...ctx, t }), [ctx, t]);
}
