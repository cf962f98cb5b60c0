/**
 * The wire protocol between the browser components and a Credyt proxy, in both spellings:
 * `Wire*` types are the snake_case JSON on the wire (as Credyt sends it); the others are the
 * camelCase objects JavaScript code works with. `docs/protocol.md` is the prose version.
 */

/** One account of a wallet, as JSON on the wire. Amounts are JSON numbers in major units. */
export interface WireAccount {
  id: string;
  name: string;
  asset: string;
  available: number;
  pending_in?: number;
  pending_out?: number;
}

/** `GET {base}/wallet`. */
export interface WireWallet {
  accounts: WireAccount[];
}

/** `POST {base}/top-ups` request body. */
export interface WireTopUpRequest {
  amount: number;
  currency: string;
  asset?: string;
  account_name?: string;
  description?: string;
  return_url?: string;
}

/** Status of a top-up. */
export type TopUpStatus = "initiated" | "completed" | "failed" | "expired";

/** `POST {base}/top-ups` 201 response. */
export interface WireTopUp {
  id: string;
  status: TopUpStatus;
  redirect_url: string;
  created_at: string;
  expires_at: string;
}

/** `POST {base}/billing-portal/sessions` request body. */
export interface WirePortalSessionRequest {
  return_url?: string;
}

/** `POST {base}/billing-portal/sessions` 201 response. */
export interface WirePortalSession {
  redirect_url: string;
  expires_at: string;
}

/** One account of a wallet: a balance in one asset. `available` may be negative (overdraft). */
export interface Account {
  /** `name:ASSET`, for example `default:USD`. */
  id: string;
  /** Account name, usually `default`. */
  name: string;
  /** Asset code: an ISO currency (`USD`) or a custom asset (`TOK`). */
  asset: string;
  /** Spendable balance in major units. */
  available: number;
  /** Incoming funds not yet settled, such as a paid top-up still being credited. */
  pendingIn?: number;
  /** Outgoing amounts not yet settled. */
  pendingOut?: number;
}

/** A customer's wallet: one account per asset. */
export interface Wallet {
  /** One account per asset (and account name); empty for a customer with none. */
  accounts: Account[];
}

/** What to buy: `amount` of `currency`, credited to `asset` (defaults to `currency`). */
export interface TopUpInput {
  /** Amount charged, in major units of `currency` (`20` is $20.00). */
  amount: number;
  /** ISO currency the customer pays in (`USD`). */
  currency: string;
  /** Asset credited. @default `currency` */
  asset?: string;
  /** Account credited. @default "default" */
  accountName?: string;
  /** Shown on the checkout page (at most 200 characters). */
  description?: string;
  /** Where the customer lands after paying; the proxy only accepts its own origin and allowed origins. */
  returnUrl?: string;
}

/** A created top-up: send the customer to `redirectUrl` to pay. */
export interface TopUp {
  /** Credyt's top-up id (`top_…`). */
  id: string;
  /** `initiated` until paid; then `completed`, `failed` or `expired`. */
  status: TopUpStatus;
  /** The hosted checkout, already checked by the redirect policy. */
  redirectUrl: string;
  /** When it was created (ISO 8601). */
  createdAt: string;
  /** When the checkout link stops working (ISO 8601). */
  expiresAt: string;
}

/** What to open the billing portal with: where the customer comes back to. */
export interface PortalSessionInput {
  /** Where the customer comes back to (the proxy must allow it). @default the proxy's `returnUrl` */
  returnUrl?: string;
}

/** A billing portal session: send the customer to `redirectUrl` before `expiresAt`. */
export interface PortalSession {
  /** The hosted billing portal, already checked by the redirect policy. */
  redirectUrl: string;
  /** When the link stops working (ISO 8601); it may be reused until then. */
  expiresAt: string;
}

/** Maps a wire account to its camelCase form. */
export function accountFromWire(wire: WireAccount): Account {
  const account: Account = { id: wire.id, name: wire.name, asset: wire.asset, available: wire.available };
  if (wire.pending_in !== undefined) account.pendingIn = wire.pending_in;
  if (wire.pending_out !== undefined) account.pendingOut = wire.pending_out;
  return account;
}

/** Maps a camelCase account to the wire. */
export function accountToWire(account: Account): WireAccount {
  const wire: WireAccount = { id: account.id, name: account.name, asset: account.asset, available: account.available };
  if (account.pendingIn !== undefined) wire.pending_in = account.pendingIn;
  if (account.pendingOut !== undefined) wire.pending_out = account.pendingOut;
  return wire;
}

/** Maps a wire wallet to its camelCase form. */
export function walletFromWire(wire: WireWallet): Wallet {
  return { accounts: wire.accounts.map(accountFromWire) };
}

/** Maps a camelCase wallet to the wire. */
export function walletToWire(wallet: Wallet): WireWallet {
  return { accounts: wallet.accounts.map(accountToWire) };
}

/** Maps a top-up request to the wire body of `POST /top-ups`. */
export function topUpInputToWire(input: TopUpInput): WireTopUpRequest {
  const wire: WireTopUpRequest = { amount: input.amount, currency: input.currency };
  if (input.asset !== undefined) wire.asset = input.asset;
  if (input.accountName !== undefined) wire.account_name = input.accountName;
  if (input.description !== undefined) wire.description = input.description;
  if (input.returnUrl !== undefined) wire.return_url = input.returnUrl;
  return wire;
}

/** Maps a `POST /top-ups` wire body to its camelCase form (for servers written in JS). */
export function topUpInputFromWire(wire: WireTopUpRequest): TopUpInput {
  const input: TopUpInput = { amount: wire.amount, currency: wire.currency };
  if (wire.asset !== undefined) input.asset = wire.asset;
  if (wire.account_name !== undefined) input.accountName = wire.account_name;
  if (wire.description !== undefined) input.description = wire.description;
  if (wire.return_url !== undefined) input.returnUrl = wire.return_url;
  return input;
}

/** Maps a wire top-up to its camelCase form. */
export function topUpFromWire(wire: WireTopUp): TopUp {
  return {
    id: wire.id,
    status: wire.status,
    redirectUrl: wire.redirect_url,
    createdAt: wire.created_at,
    expiresAt: wire.expires_at,
  };
}

/** Maps a camelCase top-up to the wire. */
export function topUpToWire(topUp: TopUp): WireTopUp {
  return {
    id: topUp.id,
    status: topUp.status,
    redirect_url: topUp.redirectUrl,
    created_at: topUp.createdAt,
    expires_at: topUp.expiresAt,
  };
}

/** Maps a wire portal session to its camelCase form. */
export function portalSessionFromWire(wire: WirePortalSession): PortalSession {
  return { redirectUrl: wire.redirect_url, expiresAt: wire.expires_at };
}

/** Maps a camelCase portal session to the wire. */
export function portalSessionToWire(session: PortalSession): WirePortalSession {
  return { redirect_url: session.redirectUrl, expires_at: session.expiresAt };
}

/**
 * The query parameter the proxy adds to return URLs so the components can tell, on the customer's
 * way back, what happened: `top_up` (paid), `portal` (left the portal) or `failed`.
 */
export const RETURN_PARAM = "credyt_return";
/** The values of {@link RETURN_PARAM}. */
export type ReturnMarker = "top_up" | "portal" | "failed";

/** The header that makes a top-up POST safe to retry. */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** What an {@link IDEMPOTENCY_HEADER} value may be, for error messages. */
export const IDEMPOTENCY_KEY_RULE = "8-255 visible ASCII characters";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

/**
 * True for a usable `Idempotency-Key`: 8-255 visible ASCII characters (a UUID fits), the rule the proxy
 * enforces and the OpenAPI document states. Use it to check keys you make yourself before sending.
 */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === "string" && IDEMPOTENCY_KEY.test(value);
}
