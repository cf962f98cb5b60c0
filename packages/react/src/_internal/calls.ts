import {
  type CredytClient,
  createBillingPortalSession,
  createTopUp,
  type PortalSession,
  type TopUp,
  type TopUpInput,
  type TopUpRequestOptions,
} from "@credyt/core";
import type { ProviderClient } from "./context";

// The calls beyond the balance, each imported only by the hook that makes it: on the provider's transport
// (its redirect policy checks the URL they return), or on the `client` the app gave the provider.

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

/** The client the usage fetchers (`fetchUsage`, `fetchUsageSummary`, `fetchQuote`) take: they call only `get`. */
export function usageClient(client: CredytClient | ProviderClient): CredytClient {
  return client as CredytClient;
}
