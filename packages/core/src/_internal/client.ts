import { CredytError } from "./errors";
import { checkRedirectUrl } from "./redirect";
import { type CredytClientOptions, type CredytTransport, createCredytTransport } from "./transport";
import { checkAccountBody, checkPortalSession, checkTopUp, checkWallet } from "./validate";
import {
  type Account,
  accountFromWire,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_RULE,
  isIdempotencyKey,
  type PortalSession,
  type PortalSessionInput,
  portalSessionFromWire,
  type TopUp,
  type TopUpInput,
  topUpFromWire,
  topUpInputToWire,
  type Wallet,
  type WireAccount,
  type WirePortalSession,
  type WireTopUp,
  type WireWallet,
  walletFromWire,
} from "./wire";

/** Per-call options: an `AbortSignal` to cancel the request. */
export interface RequestOptions {
  /** Aborts the request (it then rejects). */
  signal?: AbortSignal;
}

/** Per-call options of `createTopUp`: the purchase's idempotency key is required. */
export interface TopUpRequestOptions extends RequestOptions {
  /** One key per purchase intent; retries with the same key never create a second top-up. */
  idempotencyKey: string;
}

/** The browser's view of the protocol: every call resolves to camelCase data or rejects with a `CredytError`. */
export interface CredytClient {
  /** Where the proxy is mounted, without a trailing slash (the cache keys use it). */
  readonly baseUrl: string;
  /** The signed-in customer's wallet. */
  getWallet(options?: RequestOptions): Promise<Wallet>;
  /** One account by id (`default:USD`). */
  getAccount(accountId: string, options?: RequestOptions): Promise<Account>;
  /** Starts a checkout; its `redirectUrl` has passed the redirect policy (`allowedRedirectHosts`). */
  createTopUp(input: TopUpInput, options: TopUpRequestOptions): Promise<TopUp>;
  /** A billing portal link; its `redirectUrl` has passed the redirect policy (`allowedRedirectHosts`). */
  createBillingPortalSession(input?: PortalSessionInput, options?: RequestOptions): Promise<PortalSession>;
  /**
   * A GET of any other protocol route (`/usage`, `/usage/summary`, `/quote`), resolving to its wire JSON once
   * `check` finds no problem with it. The usage fetchers of `@credyt/core` use it; optional for custom clients.
   */
  get?<W>(path: string, check: (body: unknown) => string[], options?: RequestOptions): Promise<W>;
}

/**
 * The customer's wallet, every account (`GET {base}/wallet`).
 *
 * @example
 * const wallet = await fetchWallet(createCredytTransport({ baseUrl: "/api/credyt" }));
 */
export async function fetchWallet(transport: CredytTransport, options: RequestOptions = {}): Promise<Wallet> {
  return walletFromWire(await transport.request<WireWallet>("GET", "/wallet", checkWallet, { signal: options.signal }));
}

/** One account of the customer's wallet (`GET {base}/wallet/{accountId}`), such as `"default:USD"`. */
export async function fetchAccount(
  transport: CredytTransport,
  accountId: string,
  options: RequestOptions = {},
): Promise<Account> {
  if (typeof accountId !== "string" || accountId.trim() === "") {
    throw new CredytError(
      "invalid_request",
      'getAccount: `accountId` must be a non-empty string such as "default:USD".',
      {
        details: { account_id: ["must be a non-empty string"] },
      },
    );
  }
  const wire = await transport.request<WireAccount>(
    "GET",
    `/wallet/${encodeURIComponent(accountId)}`,
    checkAccountBody,
    { signal: options.signal },
  );
  return accountFromWire(wire);
}

/** Starts a checkout (`POST {base}/top-ups`); its `redirectUrl` has passed the redirect policy. */
export async function createTopUp(
  transport: CredytTransport,
  input: TopUpInput,
  options: TopUpRequestOptions,
): Promise<TopUp> {
  const key = options?.idempotencyKey;
  if (!isIdempotencyKey(key)) {
    throw new CredytError(
      "invalid_request",
      `createTopUp: pass an \`idempotencyKey\` of ${IDEMPOTENCY_KEY_RULE}, one per purchase intent.`,
      { details: { [IDEMPOTENCY_HEADER]: [`must be ${IDEMPOTENCY_KEY_RULE}`] } },
    );
  }
  if (typeof input !== "object" || input === null) {
    throw new CredytError(
      "invalid_request",
      'createTopUp: `input` must be an object like { amount: 25, currency: "USD" }.',
    );
  }
  const wire = await transport.request<WireTopUp>("POST", "/top-ups", checkTopUp, {
    body: topUpInputToWire(input),
    headers: { [IDEMPOTENCY_HEADER]: key },
    signal: options.signal,
  });
  const topUp = topUpFromWire(wire);
  return { ...topUp, redirectUrl: checkRedirectUrl(topUp.redirectUrl, { allowedHosts: transport.redirectHosts() }) };
}

/** A billing portal link (`POST {base}/billing-portal/sessions`); its `redirectUrl` has passed the redirect policy. */
export async function createBillingPortalSession(
  transport: CredytTransport,
  input: PortalSessionInput = {},
  options: RequestOptions = {},
): Promise<PortalSession> {
  const body: Record<string, string> = {};
  if (input.returnUrl !== undefined) body.return_url = input.returnUrl;
  const wire = await transport.request<WirePortalSession>("POST", "/billing-portal/sessions", checkPortalSession, {
    body,
    signal: options.signal,
  });
  const session = portalSessionFromWire(wire);
  return {
    ...session,
    redirectUrl: checkRedirectUrl(session.redirectUrl, { allowedHosts: transport.redirectHosts() }),
  };
}

/**
 * Creates the client the React components use to talk to a Credyt proxy: every call of the protocol on one
 * object. An app that needs only some calls can use {@link createCredytTransport} with the call functions
 * (`fetchWallet`, `fetchAccount`, `createTopUp`, `createBillingPortalSession`), which a bundler can drop one by one.
 *
 * @example
 * const client = createCredytClient({ baseUrl: "/api/credyt" });
 * const wallet = await client.getWallet();
 */
export function createCredytClient(options: CredytClientOptions = {}): CredytClient {
  const transport = createCredytTransport(options);
  return {
    baseUrl: transport.baseUrl,
    getWallet: (opts) => fetchWallet(transport, opts),
    getAccount: (accountId, opts) => fetchAccount(transport, accountId, opts),
    createTopUp: (input, opts) => createTopUp(transport, input, opts),
    createBillingPortalSession: (input, opts) => createBillingPortalSession(transport, input, opts),
    get: (path, check, opts = {}) => transport.request("GET", path, check, { signal: opts.signal }),
  };
}
