import type { CredytClient, CredytError, PortalSession } from "@credyt/core";
import { useCallback, useState } from "react";
import { useCredytContext } from "./_internal/context";
import type { Store } from "./_internal/store";
import { toCredytError } from "./_internal/to-credyt-error";

/** Options of {@link UseBillingPortalResult.trigger}. */
export interface BillingPortalTriggerOptions {
  /** `"_blank"` opens a new tab (opened at the click, so it is not blocked as a popup). @default "_self" */
  target?: string | undefined;
}

/** What {@link useBillingPortal} returns. */
export interface UseBillingPortalResult {
  /** Gets a session (reusing an unexpired one) and navigates to the portal. Resolves `undefined` on failure. */
  trigger: (options?: BillingPortalTriggerOptions) => Promise<PortalSession | undefined>;
  /** Creates a session in the background (on hover or focus) so the click navigates at once. */
  prefetch: () => void;
  isMutating: boolean;
  data: PortalSession | undefined;
  error: CredytError | undefined;
  /**
   * Drops the cached session (for every component under this provider) and clears `data` and
   * `error`. Call it when the signed-in customer changes without a page load, if you do not call
   * `mutateCredyt()` then (which does the same).
   */
  reset: () => void;
}

interface Entry {
  promise: Promise<PortalSession>;
  session?: PortalSession;
  /** `store.generation()` when it was created: a different customer may be signed in since. */
  generation: number;
}

/**
 * One cached session per provider (its store). A session is the signed-in customer's: it is
 * reused only while the store's generation has not moved (same wallet, no sign-out answer, no
 * `mutateCredyt`, no `reset`), and while it is not close to expiry.
 */
const sessions = new WeakMap<Store, Entry>();
/** A session closer to expiry than this is replaced rather than reused. */
const EXPIRY_MARGIN_MS = 30_000;

function getSession(store: Store, client: CredytClient): Promise<PortalSession> {
  const entry = sessions.get(store);
  if (
    entry &&
    entry.generation === store.generation() &&
    (!entry.session || Date.parse(entry.session.expiresAt) - Date.now() > EXPIRY_MARGIN_MS)
  ) {
    return entry.promise;
  }
  const fresh: Entry = { promise: client.createBillingPortalSession(), generation: store.generation() };
  sessions.set(store, fresh);
  fresh.promise.then(
    (session) => {
      fresh.session = session;
    },
    () => {
      if (sessions.get(store) === fresh) sessions.delete(store);
    },
  );
  return fresh.promise;
}

/**
 * Opens the hosted billing portal: creates a session on demand, reuses an unexpired one of the same
 * customer, and `prefetch()` warms it on hover or focus. The cached session is dropped when the
 * customer may have changed: a different wallet loaded, an `unauthorized` answer, `mutateCredyt()`
 * or `reset()`.
 *
 * @example
 * const { trigger, prefetch, isMutating } = useBillingPortal();
 * <button onMouseEnter={prefetch} onFocus={prefetch} onClick={() => trigger()}>Billing</button>
 */
export function useBillingPortal(): UseBillingPortalResult {
  const { client, store, navigate, intercepts } = useCredytContext("useBillingPortal");
  const [state, setState] = useState<{ isMutating: boolean; data?: PortalSession; error?: CredytError }>({
    isMutating: false,
  });

  const prefetch = useCallback(() => {
    // A failed prefetch is forgotten (the entry is dropped); the click tries again and reports.
    getSession(store, client).catch(() => undefined);
  }, [store, client]);

  const trigger = useCallback(
    async (options: BillingPortalTriggerOptions = {}) => {
      const { target } = options;
      // Opened synchronously inside the click, before any await, so browsers allow it.
      const win = target === "_blank" && !intercepts ? window.open("", "_blank") : undefined;
      if (win) win.opener = null;
      setState({ isMutating: true });
      try {
        const session = await getSession(store, client);
        const left = navigate(session.redirectUrl, "billing_portal", target, win);
        setState({ isMutating: left, data: session });
        return session;
      } catch (error) {
        win?.close();
        setState({ isMutating: false, error: toCredytError(error) });
        return undefined;
      }
    },
    [store, client, navigate, intercepts],
  );

  const reset = useCallback(() => {
    store.forget();
    setState({ isMutating: false });
  }, [store]);

  return { trigger, prefetch, isMutating: state.isMutating, data: state.data, error: state.error, reset };
}
