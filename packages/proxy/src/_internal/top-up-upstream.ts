import { CredytError } from "@credyt/core";
import { callUpstream, type UpstreamAccess } from "./upstream";

/** One page of `GET /top-ups?customer_id=&offset=&limit=` as Credyt sent it, unchecked: the look-up judges it. */
export interface RawTopUpPage {
  json: unknown;
}

/** The top-up list the look-up reads. Credyt documents none; the emulator serves one. */
export function topUpEndpoints(access: UpstreamAccess) {
  return {
    /** One page of the customer's top-ups, exactly as answered (any shape); throws on any failure. */
    async listTopUps(
      query: { customerId: string; offset: number; limit: number },
      requestId?: string,
      hostSignal?: AbortSignal,
    ): Promise<RawTopUpPage> {
      if (!/^cust_[A-Za-z0-9]{1,64}$/.test(query.customerId)) throw new CredytError("not_found", "Not found.");
      const search = new URLSearchParams({
        customer_id: query.customerId,
        offset: String(query.offset),
        limit: String(query.limit),
      });
      const path = `/top-ups?${search}`;
      const call = { method: "GET", path, requestId, customerId: query.customerId, hostSignal } as const;
      const response = await callUpstream(access, call);
      return { json: response.json };
    },
  };
}
