import type { CredytClient, CredytError, PortalSession } from "@credyt/core";
import { useCallback, useState } from "react";
import { useCredytContext } from "./_internal/context";
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
}

interface Entry {
  promise: Promise<PortalSession>;
  session?: PortalSession;
}

const sessions = new WeakMap<CredytClient, Entry>();
/** A session closer to expiry than this is replaced rather than reused. */
const EXPIRY_MARGIN_MS = 30_000;

function getSession(client: CredytClient): Promise<PortalSession> {
  const entry = sessions.get(client);
  if (entry && (!entry.session || Date.parse(entry.session.expiresAt) - Date.now() > EXPIRY_MARGIN_MS)) {
    return entry.promise;
  }
  const fresh: Entry = { promise: client.createBillingPortalSession() };
  sessions.set(client, fresh);
  fresh.promise.then(
    (session) => {
      fresh.session = session;
    },
    () => sessions.delete(client),
  );
  return fresh.promise;
}

/**
 * Opens the hosted billing portal: creates a session on demand, reuses an unexpired one, and
 * `prefetch()` warms it on hover or focus.
 *
 * @example
 * const { trigger, prefetch, isMutating } = useBillingPortal();
 * <button onMouseEnter={prefetch} onFocus={prefetch} onClick={() => trigger()}>Billing</button>
 */
export function useBillingPortal(): UseBillingPortalResult {
  const { client, navigate, intercepts } = useCredytContext("useBillingPortal");
  const [state, setState] = useState<{ isMutating: boolean; data?: PortalSession; error?: CredytError }>({
    isMutating: false,
  });

  const prefetch = useCallback(() => {
    // A failed prefetch is forgotten (the entry is dropped); the click tries again and reports.
    getSession(client).catch(() => undefined);
  }, [client]);

  const trigger = useCallback(
    async (options: BillingPortalTriggerOptions = {}) => {
      const { target } = options;
      // Opened synchronously inside the click, before any await, so browsers allow it.
      const win = target === "_blank" && !intercepts ? window.open("", "_blank") : undefined;
      if (win) win.opener = null;
      setState({ isMutating: true });
      try {
        const session = await getSession(client);
        const left = navigate(session.redirectUrl, "billing_portal", target, win);
        setState({ isMutating: left, data: session });
        return session;
      } catch (error) {
        win?.close();
        setState({ isMutating: false, error: toCredytError(error) });
        return undefined;
      }
    },
    [client, navigate, intercepts],
  );

  return { trigger, prefetch, isMutating: state.isMutating, data: state.data, error: state.error };
}
