import type { CredytError, PortalSession } from "@credyt/core";
import { useCallback, useEffect, useMemo, useState } from "react";
import useSWRMutation, { type SWRMutationConfiguration } from "swr/mutation";
import { loadCheckout, prefetchCheckout } from "./calls";
import { useCredytContext } from "./context";
import { toCredytError } from "./to-credyt-error";

/** Options of {@link UseBillingPortalResult.trigger}. */
export interface BillingPortalTriggerOptions {
  /** `"_blank"` opens a new tab (opened at the click, so it is not blocked as a popup). @default "_self" */
  target?: string | undefined;
}

/**
 * SWR's mutation options, for {@link useBillingPortal} and its `trigger`: `onSuccess` (the portal is
 * opening), `onError`, `throwOnError` (default `true`, as in SWR) and the rest of `useSWRMutation`'s.
 */
export type UseBillingPortalOptions = SWRMutationConfiguration<
  PortalSession,
  CredytError,
  unknown[],
  BillingPortalTriggerOptions
> & {
  /** Reject `trigger`'s promise with the error (SWR's default), or resolve `undefined`. @default true */
  throwOnError?: boolean;
};

/** What {@link useBillingPortal} returns. */
export interface UseBillingPortalResult {
  /**
   * Gets a session (reusing an unexpired one) and navigates to the portal. On failure rejects with the
   * `CredytError`, or resolves `undefined` with `throwOnError: false`.
   */
  trigger: (
    options?: BillingPortalTriggerOptions,
    mutationOptions?: UseBillingPortalOptions,
  ) => Promise<PortalSession | undefined>;
  /** Creates a session in the background (on hover or focus) so the click navigates at once. */
  prefetch: () => void;
  /** From the click until the page leaves (or the request fails). */
  isMutating: boolean;
  /** The last session opened. */
  data: PortalSession | undefined;
  /** The last error, typed as `CredytError`. */
  error: CredytError | undefined;
  /**
   * Drops the cached session (for every component under this provider) and clears `data` and
   * `error`. Call it when the signed-in customer changes without a page load, if you do not call
   * `mutateCredyt()` then (which does the same).
   */
  reset: () => void;
}

/**
 * Opens the hosted billing portal, on SWR's `useSWRMutation`: creates a session on demand, reuses
 * an unexpired one of the same customer, and `prefetch()` warms it on hover or focus. The cached
 * session is dropped when the customer may have changed: a different wallet loaded, an
 * `unauthorized` answer, the provider's `customer` prop, `mutateCredyt()` or `reset()`.
 *
 * SWR's mutation options go in the hook or per `trigger` call, with SWR's defaults: `trigger` rejects
 * on failure unless `throwOnError: false`.
 *
 * @example
 * const { trigger, prefetch, isMutating } = useBillingPortal({ throwOnError: false });
 * <button onMouseEnter={prefetch} onFocus={prefetch} onClick={() => trigger()}>Billing</button>
 */
export function useBillingPortal(options?: UseBillingPortalOptions): UseBillingPortalResult {
  const { client, scope, redirect } = useCredytContext("useBillingPortal");
  // Navigating away in this tab: stay pending until the page unloads.
  const [leaving, setLeaving] = useState(false);
  // The portal and redirect code is a lazy chunk (calls.ts): in by the first click, never on the first render.
  useEffect(prefetchCheckout, []);
  const key = useMemo(() => [...scope.prefix, "billing-portal"], [scope]);
  const mutation = useSWRMutation<PortalSession, CredytError, unknown[], Opening>(
    key,
    async (_key, { arg: { target, win } }) => {
      try {
        // The session cache and the redirect policy are in the checkout chunk (checkout.ts).
        const checkout = await loadCheckout();
        const session = await checkout.getSession(scope, client);
        setLeaving(checkout.navigate(redirect, session.redirectUrl, "billing_portal", target, win));
        return session;
      } catch (error) {
        win?.close();
        throw toCredytError(error);
      }
    },
    // `Opening` is `BillingPortalTriggerOptions` plus the window opened at the click.
    options as SWRMutationConfiguration<PortalSession, CredytError, unknown[], Opening> | undefined,
  );
  const { trigger: run, reset: clear } = mutation;

  const prefetch = useCallback(() => {
    // A failed prefetch is forgotten (the entry is dropped); the click tries again and reports.
    loadCheckout()
      .then((checkout) => checkout.getSession(scope, client))
      .catch(() => undefined);
  }, [scope, client]);

  const trigger = useCallback(
    (opening: BillingPortalTriggerOptions = {}, mutationOptions?: UseBillingPortalOptions) => {
      const { target } = opening;
      // Opened synchronously inside the click, before any await, so browsers allow it (closed again
      // when `onRedirect` prevents the navigation).
      const win = target === "_blank" ? window.open("", "_blank") : undefined;
      if (win) win.opener = null;
      return run(
        { target, win },
        mutationOptions as SWRMutationConfiguration<PortalSession, CredytError, unknown[], Opening> | undefined,
      );
    },
    [run],
  );

  const reset = useCallback(() => {
    scope.forget();
    setLeaving(false);
    clear();
  }, [scope, clear]);

  return {
    trigger,
    prefetch,
    isMutating: mutation.isMutating || leaving,
    data: mutation.data,
    error: mutation.error,
    reset,
  };
}

/** What `trigger` hands the mutation: where to open the portal. */
interface Opening {
  target: string | undefined;
  win: Window | null | undefined;
}
