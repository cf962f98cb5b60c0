import { type CredytContextValue, useCredytContext } from "./context";
import { type CredytUsageMessages, usageEn } from "./usage-messages";

/** The provider's context plus every usage string (English for any the provider's `labels` leave out). */
export function useUsageContext(component: string): CredytContextValue & { u: CredytUsageMessages } {
  const ctx = useCredytContext(component);
  return { ...ctx, u: { ...usageEn, ...(ctx.t as Partial<CredytUsageMessages>) } };
}
