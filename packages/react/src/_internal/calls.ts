import { type CredytClient, CredytError, type PortalSession } from "@credyt/core";
import type { ProviderClient } from "./context";

// The calls beyond the balance. Starting a checkout or opening the portal needs the top-up and portal calls,
// their wire checks and the redirect policy: a lazy chunk (checkout.ts), which the hooks that leave the page
// load once they have mounted (`loadCheckout`), so it is in by the first click and off the first render.

let chunk: Promise<typeof import("./checkout")> | undefined;

/** Loads the checkout chunk (once; a failed load is tried again on the next call). */
export function loadCheckout(): Promise<typeof import("./checkout")> {
  chunk ??= import("./checkout").catch((cause: unknown) => {
    chunk = undefined;
    throw new CredytError("network_error", "Could not load the checkout code. Check your connection and try again.", {
      cause,
    });
  });
  return chunk;
}

/** Starts loading the checkout chunk after mount (a failure shows on the click that needs it). */
export function prefetchCheckout(): void {
  loadCheckout().catch(() => {});
}

/** A billing portal link (`createBillingPortalSession`); its `redirectUrl` has passed the redirect policy. */
export async function openPortalSession(client: CredytClient | ProviderClient): Promise<PortalSession> {
  return (await loadCheckout()).openPortalSession(client);
}

/** The client the usage fetchers (`fetchUsage`, `fetchUsageSummary`, `fetchQuote`) take: they call only `get`. */
export function usageClient(client: CredytClient | ProviderClient): CredytClient {
  return client as CredytClient;
}
