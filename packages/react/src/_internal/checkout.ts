import {
  type CredytClient,
  createBillingPortalSession,
  createTopUp,
  type PortalSession,
  type TopUp,
  type TopUpInput,
  type TopUpRequestOptions,
} from "@credyt/core";
import type { CredytRedirect, ProviderClient, RedirectKind } from "./context";
import { checkRedirect } from "./redirect";
import { RedirectEvent } from "./redirect-event";

// The code that leaves the page (a lazy chunk, see calls.ts): the top-up and portal calls with their wire
// checks, and the redirect policy. The hooks that use it load it after they mount, never on the first render.

/** Starts a checkout (`createTopUp`); its `redirectUrl` has passed the redirect policy. */
export function startTopUp(
  client: CredytClient | ProviderClient,
  input: TopUpInput,
  options: TopUpRequestOptions,
): Promise<TopUp> {
  return "transport" in client ? createTopUp(client.transport, input, options) : client.createTopUp(input, options);
}

/** A billing portal link (`createBillingPortalSession`); its `redirectUrl` has passed the redirect policy. */
export function openPortalSession(client: CredytClient | ProviderClient): Promise<PortalSession> {
  return "transport" in client ? createBillingPortalSession(client.transport) : client.createBillingPortalSession();
}

/**
 * Validates a server redirect (throws a `CredytError` if refused), tells `onRedirect`, and leaves the page
 * unless it called `preventDefault()`. True when this page is navigating away.
 */
export function navigate(
  redirect: CredytRedirect,
  url: string,
  kind: RedirectKind,
  target?: string,
  win?: Window | null,
): boolean {
  const safe = checkRedirect(url, redirect.allowedHosts);
  const event = new RedirectEvent(kind, target);
  redirect.onRedirect(safe, event);
  if (event.defaultPrevented) {
    win?.close();
    return false;
  }
  if (win) win.location.href = safe;
  else location.assign(safe);
  return !win;
}
