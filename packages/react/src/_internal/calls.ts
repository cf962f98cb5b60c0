import { type CredytClient, CredytError } from "@credyt/core";
import type { ProviderClient } from "./context";
import { chunk } from "./lazy";
import type { CredytMessages } from "./messages";

// The calls beyond the balance. Starting a checkout or opening the portal needs the top-up and portal calls,
// their wire checks and the redirect policy: a lazy chunk (checkout.ts), which the hooks that leave the page
// load once they have mounted (`loadCheckout`), so it is in by the first click and off the first render.

const importCheckout = /* @__PURE__ */ chunk(() => import("./checkout"));
/** The checkout chunk once loaded: every action's failure but the chunk's own comes after it. */
let loaded: typeof import("./checkout") | undefined;

/** Loads the checkout chunk (once; a failed load is tried again on the next call). */
export function loadCheckout(): Promise<typeof import("./checkout")> {
  return importCheckout().then(
    (m) => (loaded = m),
    (cause: unknown) => {
      // The words of `errorNetwork` (what the customer sees, unless `labels` has its own).
      throw new CredytError(
        "network_error",
        "Could not reach the billing server. Check your connection and try again.",
        {
          cause,
        },
      );
    },
  );
}

/**
 * The message a top-up or portal component shows for its action's error: the catalogue's (error-message.ts, in
 * the checkout chunk, which the failed action had loaded), or, when that chunk itself could not load (offline),
 * `labels`' `errorNetwork` or the error's own English text, which is the same sentence.
 */
export function errorText(error: CredytError, t: Partial<CredytMessages>): string {
  return loaded ? loaded.errorMessage(error, t) : (t.errorNetwork ?? error.message);
}

/** Starts loading the checkout chunk after mount (a failure shows on the click that needs it). */
export function prefetchCheckout(): void {
  loadCheckout().catch(() => {});
}

/**
 * The client the usage fetchers (`fetchUsage`, `fetchUsageSummary`, `fetchQuote`) take: they call only `get`, which
 * the provider's own client leaves to the pages that read usage.
 */
export function usageClient(client: CredytClient | ProviderClient): CredytClient {
  if (!("transport" in client)) return client;
  const { transport } = client;
  const get: CredytClient["get"] = (path, check, opts = {}) =>
    transport.request("GET", path, check, { signal: opts.signal });
  // Only `get` (and `baseUrl`) is called on it.
  return { ...client, get } as Partial<CredytClient> as CredytClient;
}
