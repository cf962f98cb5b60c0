import { en } from "./messages";
import { type UiContext, useUiContext } from "./ui-context";
import { type CredytUsageMessages, usageEn } from "./usage-messages";

/** The provider's context plus every usage string (English for any the provider's `labels` leave out). */
export function useUsageContext(component: string): UiContext & { u: CredytUsageMessages } {
  const ctx = useUiContext(component, en);
  return { ...ctx, u: { ...usageEn, ...(ctx.t as Partial<CredytUsageMessages>) } };
}
