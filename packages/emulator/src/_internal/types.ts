/**
 * The emulator's public types, declared here once (never derived from an internal function or schema), so
 * a change to an internal mapper that breaks one of these shapes fails to compile instead of silently
 * changing the API. This module holds declarations only: it imports nothing from the package, and the
 * package's internals may import from it.
 *
 * `CredytApi*` types are Credyt's own API shape (snake_case, as the emulator answers over HTTP). They are
 * not `@credyt/core`'s `Wire*` types, which describe the browser ↔ proxy protocol.
 */
import type { TopUpStatus } from "@credyt/core";

/**
 * A top-up's status: `initiated` until paid (`completed`), declined (`failed`) or past its `expires_at`
 * unpaid (`expired`). The same type as `@credyt/core`'s, which forwards Credyt's statuses unchanged.
 */
export type { TopUpStatus };

/** One wallet account, as `GET /customers/{id}/wallet/{accountId}` (and each wallet entry) returns it. */
export interface CredytApiAccount {
  /** `name:ASSET`, such as `default:USD`. */
  id: string;
  /** The account name (`default` unless a top-up or adjustment named another). */
  name: string;
  /** The asset code, upper case: an ISO 4217 currency or a custom asset such as `TOK`. */
  asset: string;
  /** Spendable balance, exact as a JSON number (`14.566678`); negative in overdraft. */
  available: number;
  /** Units of initiated top-ups on their way in. */
  pending_in: number;
  /** Always 0 in the emulator (nothing is reserved). */
  pending_out: number;
}

/** A customer's subscription, as listed in {@link CredytApiCustomer.subscriptions}. */
export interface CredytApiSubscription {
  started_at: string;
  products: { id: string; code: string; version: number }[];
}

/** A customer, as `GET /customers/{id}` returns it: Credyt's documented fields, plus `email` when set. */
export interface CredytApiCustomer {
  /** `cust_` and 26 Crockford base32 characters. */
  id: string;
  /** Your own id for the customer, unique when set. */
  external_id?: string;
  name: string;
  email?: string;
  /** ISO-8601 UTC with 7 fractional digits, as Credyt prints it. */
  created_at: string;
  /** Credyt does not document it; always empty in the emulator. */
  external_accounts: unknown[];
  subscriptions: CredytApiSubscription[];
}

/** Where a top-up's units go. */
export interface CredytApiTopUpDestination {
  account_name: string;
  asset: string;
  /** The request's exchange rate override, when one was sent. */
  exchange_rate?: number;
}

/**
 * A top-up, as the emulator's `GET /top-ups/{id}` extension returns it: `POST /top-ups`'s answer plus the
 * request and its outcome.
 */
export interface CredytApiTopUp {
  /** `top_` and 26 Crockford base32 characters. */
  id: string;
  status: TopUpStatus;
  /** The hosted checkout link: in `POST /top-ups` and `GET /top-ups/{id}` while initiated; never from `Emulator.getTopUp`. */
  redirect_url?: string;
  created_at: string;
  /** When an unpaid top-up expires (`created_at` plus `topUpTtlMs`). */
  expires_at: string;
  customer_id: string;
  /** The fiat amount charged. */
  amount: number;
  /** The ISO 4217 currency of `amount`, upper case. */
  currency: string;
  description?: string;
  destination: CredytApiTopUpDestination;
  /** Units of `destination.asset` credited on completion (rounded down to the asset's precision). */
  units: number;
  credit_expires_at?: string;
  return_url: string;
  failure_url: string;
  metadata?: Record<string, string>;
  completed_at?: string;
  failed_at?: string;
  expired_at?: string;
  /** Why a failed top-up failed: `card_declined`, `insufficient_funds`, `expired_card` or `processing_error`. */
  failure_code?: string;
}

/** A per-route fault rule, as `POST /__emulator/faults` takes it (see the README's admin routes). */
export interface FaultRule {
  /** Only this HTTP method; any when unset. */
  method?: string;
  /** A route pattern (`/customers/:id/wallet`, `*` for any rest) or a path prefix (`/` matches all). */
  path: string;
  /** Answer this status as problem+json. */
  status?: number;
  /** Wait this long before answering (at most 60000). */
  latency_ms?: number;
  /** Seconds sent in `Retry-After` with `status`. */
  retry_after?: number;
  /** Answer a truncated JSON body. */
  malformed_json?: boolean;
  /** Fail at the network level: the socket is destroyed over HTTP, in process (`emulator.fetch`) the body stream errors. */
  reset_connection?: boolean;
  /** Hold the request unanswered until the client goes away or the faults are cleared (then go on). */
  hang?: boolean;
  /** Requests left before the rule removes itself; unlimited when undefined. */
  count?: number;
  /** The chance (0-1) that a matching request is affected. */
  probability?: number;
}

/** A custom asset of a seed. Fiat currencies need none. */
export interface EmulatorSeedAsset {
  /** 1-32 letters, digits, `_` or `-`, starting with a letter; stored upper case. */
  code: string;
  name: string;
  /** Decimal places a balance of it holds (0-18); top-ups round down to it. */
  precision: number;
  symbol?: string;
  label?: string;
  /** The price of one unit in each source currency (`{ source: "USD", rate: 0.000001 }`). */
  rates: { source: string; rate: number }[];
}

/** A price of a seeded product: each event of `event_type` costs `unit_price` of `asset`. */
export interface EmulatorSeedPrice {
  event_type: string;
  asset: string;
  unit_price: number;
  /** When set, the cost is `unit_price` times the event's `data[volume_field]`. */
  volume_field?: string;
}

/** A product of a seed, with the prices usage events are billed at. */
export interface EmulatorSeedProduct {
  /** `prp_…`; generated when unset. */
  id?: string;
  code: string;
  /** @default the code */
  name?: string;
  /** @default 1 */
  version?: number;
  prices?: EmulatorSeedPrice[];
}

/** An opening balance of a seeded customer. Amounts are JSON numbers. */
export interface EmulatorSeedAccount {
  /** @default "default" */
  name?: string;
  asset: string;
  available?: number;
  pending_in?: number;
  pending_out?: number;
}

/** A customer of a seed. */
export interface EmulatorSeedCustomer {
  /** `cust_…`; generated when unset. */
  id?: string;
  external_id?: string;
  name: string;
  email?: string;
  /** @default the emulator's start time */
  created_at?: string;
  /** Codes of the products the customer subscribes to. */
  products?: string[];
  /** Days (0-366) of seeded usage history before the start; it debits nothing. */
  usage_history_days?: number;
  accounts?: EmulatorSeedAccount[];
}

/**
 * What an emulator starts with: custom assets, products (with the prices usage events are billed at) and
 * customers with their subscribed product codes and opening balances. Amounts are JSON numbers.
 */
export interface EmulatorSeed {
  assets?: EmulatorSeedAsset[];
  products?: EmulatorSeedProduct[];
  customers?: EmulatorSeedCustomer[];
}

/**
 * How the emulator plays each behaviour Credyt does not document (`credyt-api.md` section 12). Each switch
 * defaults to the emulator's historic choice; tests set the others to prove code survives every reading.
 * `npx @credyt/proxy probe` prints the readings a real Credyt test key shows.
 */
export interface EmulatorReadings {
  /** Order of `GET /events?customer_id=`: by `occurred_at`, newest or oldest first, or as created. @default "newest-first" */
  eventsOrder?: "newest-first" | "oldest-first" | "creation";
  /** `GET /events` time filters: `from`/`to` honoured, ignored, or honoured only as `occurred_after`/`occurred_before`. @default "honoured" */
  eventTimeFilters?: "honoured" | "ignored" | "other-names";
  /** `total_count` on `GET /events` pages. @default "present" */
  eventsTotalCount?: "present" | "absent";
  /** `fees` on the items of `GET /events` (always on `GET /events/{id}`). @default "present" */
  listFees?: "present" | "absent";
  /**
   * Fields of a fee: all six, only `amount` and `product_version` (all Credyt evidences), or the asset
   * under another name (`currency`, without `account_id`). @default "full"
   */
  feeFields?: "full" | "amount-and-version" | "asset-renamed";
  /**
   * `GET /top-ups?customer_id=` and `GET /top-ups/{id}`: served; both 404 or 405; or a 200 list that
   * ignores `customer_id`, lists newest first, or carries no `metadata`. @default "served"
   */
  topUpList?: "served" | "404" | "405" | "ignores-customer" | "newest-first" | "no-metadata";
  /** `POST /assets/{code}/quote`: `{asset, source, amount, rate, units}`, other field names, or no such route (404). @default "units" */
  quoteAnswer?: "units" | "other-names" | "absent";
  /** How a top-up's `destination.exchange_rate` is read. Overrides `exchangeRateOverride`. @default "units-per-currency" */
  overrideDirection?: "units-per-currency" | "currency-per-unit";
  /** `GET /customers?external_id=`: a page `{items, …}` or the one customer object (404 when none). @default "page" */
  externalIdLookup?: "page" | "object";
  /** Content type of error bodies. @default "problem+json" */
  errorContentType?: "problem+json" | "json";
  /** Fractional digits of every timestamp the emulator answers. @default 7 */
  timestampDigits?: 0 | 6 | 7;
}

/** Options for `createEmulator`. */
export interface EmulatorOptions {
  /** How the emulator plays what Credyt does not document; see {@link EmulatorReadings}. @default today's readings */
  readings?: EmulatorReadings;
  /** Starting data: `"default"` (demo customers), `"empty"`, or your own seed. @default "default" */
  seed?: EmulatorSeed | "default" | "empty";
  /** The clock. `POST /__emulator/clock` moves time relative to it. @default () => new Date() */
  now?: () => Date;
  /** Id generator: given a prefix such as `cust` or `top`, returns a full id such as `cust_4…`. */
  ids?: (prefix: string) => string;
  /** Accepted `X-CREDYT-API-KEY` values. @default [DEFAULT_API_KEY] */
  apiKeys?: string[];
  /**
   * Base URL of the hosted pages in `redirect_url`s, for example `http://localhost:8080` when the emulator
   * runs in a container. It may end in a path (`http://localhost:5173/__credyt`): every page link, form
   * and redirect then carries that prefix, and requests arriving with it are served as if without it.
   * @default the origin of each request
   */
  publicUrl?: string;
  /** Enable the `/__emulator/*` admin routes. @default false */
  admin?: boolean;
  /**
   * The older spelling of `readings.overrideDirection`: `"units_per_fiat"` = `"units-per-currency"`,
   * `"fiat_per_unit"` = `"currency-per-unit"`. Credyt leaves the direction undocumented.
   * @default "units_per_fiat"
   */
  exchangeRateOverride?: "units_per_fiat" | "fiat_per_unit";
  /**
   * How long an unpaid top-up and its checkout link live, in milliseconds. At its `expires_at` an
   * `initiated` top-up becomes `expired` and its units leave `pending_in`. Tests can make it short.
   * @default 86400000 (24 hours, Stripe Checkout's default)
   */
  topUpTtlMs?: number;
  /** Start from a saved snapshot (see `Emulator.snapshot()`) instead of the seed; `reset()` still returns to the seed. */
  state?: EmulatorSnapshot;
  /** Called after every change to the data, e.g. to persist `snapshot()`. */
  onChange?: () => void;
}

/** A JSON-serialisable copy of an emulator's data (decimals as strings) plus its token secret. */
export interface EmulatorSnapshot {
  version: 1;
  /** The key signing hosted-page links, as lower-case hex: links made before a restart keep working. */
  secret: string;
  /** The data; its shape is the emulator's own and may change between versions. */
  store: unknown;
}

/** A running in-memory Credyt API. */
export interface Emulator {
  /** Handle one request, on any Fetch runtime. */
  fetch(request: Request): Promise<Response>;
  /** Return to the seed: data, clock offset and faults. */
  reset(): void;
  /** The first accepted API key. */
  readonly apiKey: string;
  /** The emulator's current time (the injected clock plus any admin clock moves). */
  now(): Date;
  /** A top-up as `GET /top-ups/{id}` returns it (without `redirect_url`), or undefined. */
  getTopUp(id: string): CredytApiTopUp | undefined;
  /** Every top-up, oldest first. */
  listTopUps(): CredytApiTopUp[];
  /** A customer as `GET /customers/{id}` returns it, or undefined. */
  getCustomer(id: string): CredytApiCustomer | undefined;
  /** One wallet account as `GET /customers/{id}/wallet/{accountId}` returns it, or undefined. */
  getAccount(customerId: string, accountId: string): CredytApiAccount | undefined;
  /** Copy the data for persistence; pass it back as `state` to resume. */
  snapshot(): EmulatorSnapshot;
}

/** Options for `startEmulator` (`@credyt/emulator/node`): the emulator's options plus where to listen. */
export interface StartEmulatorOptions extends EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
}

/** A running emulator server (`startEmulator`). */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4010`; hosted-page links use exactly this origin. */
  url: string;
  /** The first accepted API key, to send as `X-CREDYT-API-KEY`. */
  apiKey: string;
  /** The emulator behind the server, for in-process reads and `reset()`. */
  emulator: Emulator;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}
