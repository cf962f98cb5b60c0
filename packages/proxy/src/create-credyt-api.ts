import type { WireAccount, WirePortalSession, WireTopUp, WireWallet } from "@credyt/core";
import { DEFAULT_TIMEOUT_MS, resolveApiAccess } from "./_internal/config";
import { endpoints } from "./_internal/endpoints";

/** Options of {@link createCredytApi}. */
export interface CredytApiOptions {
  /** Your secret Credyt API key (`key_…`). */
  apiKey: string;
  /** @default "https://api.credyt.ai" */
  apiUrl?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Time allowed per call before it fails with `upstream_timeout`. @default 10000 */
  timeoutMs?: number;
}

/** `POST /top-ups` body, as Credyt takes it. */
export interface CredytTopUpBody {
  customer_id: string;
  amount: number;
  currency: string;
  description?: string;
  destination?: { account_name?: string; asset?: string; exchange_rate?: number };
  return_url: string;
  failure_url: string;
  credit_expires_at?: string;
  metadata?: Record<string, string>;
}

/** `POST /billing-portal/sessions` body, as Credyt takes it. */
export interface CredytPortalSessionBody {
  customer_id: string;
  return_url: string;
  failure_url: string;
}

/** A small typed Credyt client. Every call answers Credyt's snake_case JSON or throws a `CredytError`. */
export interface CredytApi {
  getWallet(customerId: string): Promise<WireWallet>;
  /** `accountId` is `name:ASSET`, for example `default:USD`. */
  getAccount(customerId: string, accountId: string): Promise<WireAccount>;
  createTopUp(body: CredytTopUpBody): Promise<WireTopUp>;
  createBillingPortalSession(body: CredytPortalSessionBody): Promise<WirePortalSession>;
}

/**
 * Creates the typed Credyt client the proxy uses; call it from server code too, for example to
 * prefetch a wallet for server rendering. GETs are retried twice on 5xx; POSTs never are.
 *
 * @example
 * const credyt = createCredytApi({ apiKey: process.env.CREDYT_API_KEY! });
 * const wallet = await credyt.getWallet(customerId); // { accounts: [{ id: "default:USD", available: 14.566678, … }] }
 */
export function createCredytApi(options: CredytApiOptions): CredytApi {
  const { apiKey, apiUrl } = resolveApiAccess(options ?? {}, "createCredytApi");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError("createCredytApi: `timeoutMs` must be a positive integer (milliseconds).");
  }
  const api = endpoints({ apiKey, apiUrl, timeoutMs, fetch: options.fetch });
  return {
    getWallet: async (customerId) => (await api.getWallet(customerId)).json,
    getAccount: async (customerId, accountId) => (await api.getAccount(customerId, accountId)).json,
    createTopUp: async (body) => (await api.createTopUp(body)).json,
    createBillingPortalSession: async (body) => (await api.createBillingPortalSession(body)).json,
  };
}
