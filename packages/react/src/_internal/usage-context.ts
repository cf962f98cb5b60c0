import { type CredytUsageMessages, usageEn } from "../usage-messages";
import { type CredytContextValue, useCredytContext } from "./context";

/** The provider's context plus every usage string (English for any the provider's `labels` leave out). */
export function useUsageContext(component: string): CredytContextValue & { u: CredytUsageMessages } {
  const ctx = useCredytContext(component);
  return { ...ctx, u: { ...usageEn, ...(ctx.t as Partial<CredytUsageMessages>) } };
}
