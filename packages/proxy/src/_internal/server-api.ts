import { accountFromWire, portalSessionFromWire, topUpFromWire, walletFromWire } from "@credyt/core";
import { type CustomerDirectory, checkIdentity } from "./customers";
import type { endpoints } from "./endpoints";
import type { CredytServerApi } from "./types";

// Its own module, not create-credyt-api.ts: that one is public, and its typings must not reach the
// endpoints' (which name big.js) through this internal signature.
/** `credyt.api`: the instance's endpoints mapped to core's types, its customer directory and its hub. */
export function apiFor(
  api: ReturnType<typeof endpoints>,
  directory: CustomerDirectory,
  notify: (customerId: string) => Promise<void>,
): CredytServerApi {
  return {
    notify,
    getWallet: async (customerId) => walletFromWire((await api.getWallet(customerId)).json),
    getAccount: async (customerId, accountId) => accountFromWire((await api.getAccount(customerId, accountId)).json),
    createTopUp: async (body) => topUpFromWire((await api.createTopUp(body)).json),
    createBillingPortalSession: async (body) =>
      portalSessionFromWire((await api.createBillingPortalSession(body)).json),
    customers: {
      getOrCreate: (externalId, details = {}) => directory.getOrCreate(checkIdentity({ ...details, externalId })),
      find: (externalId) => directory.find(externalId),
      getWallet: async (externalId, details = {}) => {
        const customerId = await directory.getOrCreate(checkIdentity({ ...details, externalId }));
        return walletFromWire((await api.getWallet(customerId)).json);
      },
    },
  };
}
