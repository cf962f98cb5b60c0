import { type Account, CredytError, type Wallet } from "@credyt/core";
import type { PendingTopUp, ReturnStatus } from "../return-flow";

/** Errors a mock client rejects with, per method. */
export interface MockErrors {
  /** Wallet reads fail with it. */
  getWallet?: CredytError;
  /** Top-ups fail with it. */
  createTopUp?: CredytError;
  /** Portal sessions fail with it. */
  createBillingPortalSession?: CredytError;
}

/** One state of the world for tests and stories: data, failures, and where a checkout return stands. */
export interface MockScenario {
  /** The wallet `getWallet` resolves with. */
  wallet?: Wallet;
  /** `getWallet` never resolves (a loading skeleton forever). */
  loading?: boolean;
  /** Calls that fail, and how. */
  errors?: MockErrors;
  /** The checkout-return state the components show (as if the customer just came back). */
  returnStatus?: ReturnStatus;
  /** The top-up this browser started, as remembered before checkout (for "Added $20.00"). */
  returnTopUp?: PendingTopUp;
}

const usd = (available: number, extra: Partial<Account> = {}): Account => ({
  id: "default:USD",
  name: "default",
  asset: "USD",
  available,
  ...extra,
});

/** The emulator's demo customer: USD 14.566678 and 993,450,234 TOK. */
export const demoWallet: Wallet = {
  accounts: [usd(14.566678), { id: "default:TOK", name: "default", asset: "TOK", available: 993450234 }],
};

/**
 * Named scenarios for every component state. Deterministic: fixed amounts, ids and dates, so
 * Storybook screenshots are stable.
 */
export const fixtures = {
  /** A healthy wallet: USD and a custom token. */
  ready: { wallet: demoWallet },
  /** The wallet request never answers. */
  loading: { loading: true },
  /** A wallet with no accounts. */
  empty: { wallet: { accounts: [] } },
  /** The wallet request fails (network error). */
  error: {
    errors: {
      getWallet: new CredytError(
        "network_error",
        "Could not reach the billing server. Check your connection and try again.",
      ),
    },
  },
  /** Six accounts in several currencies and assets. */
  manyAccounts: {
    wallet: {
      accounts: [
        usd(1250.5),
        { id: "default:EUR", name: "default", asset: "EUR", available: 980 },
        { id: "default:GBP", name: "default", asset: "GBP", available: 12.75 },
        { id: "default:JPY", name: "default", asset: "JPY", available: 15000 },
        { id: "default:TOK", name: "default", asset: "TOK", available: 993450234 },
        { id: "promo:CREDITS", name: "promo", asset: "CREDITS", available: 420 },
      ],
    },
  },
  /** A custom asset only (show it with the provider's `assets` display settings). */
  customAsset: { wallet: { accounts: [{ id: "default:TOK", name: "default", asset: "TOK", available: 993450234 }] } },
  /** A negative balance. */
  overdraft: { wallet: { accounts: [usd(-12.4)] } },
  /** A balance under a `lowBalance` of 5. */
  lowBalance: { wallet: { accounts: [usd(3.2)] } },
  /** Back from checkout: paid, the credit (25 USD) is still pending. */
  pendingTopUp: { wallet: { accounts: [usd(14.566678, { pendingIn: 25 })] }, returnStatus: "pending" },
  /** Money on its way that this browser did not pay for (an abandoned top-up): hidden unless `showPending`. */
  pendingElsewhere: { wallet: { accounts: [usd(14.566678, { pendingIn: 60 })] } },
  /** Back from checkout: paid 20 USD and credited; the confirmation shows. */
  topUpConfirmed: {
    wallet: { accounts: [usd(34.566678)] },
    returnStatus: "success",
    returnTopUp: { asset: "USD", accountId: "default:USD", available: 14.566678, amount: 20, currency: "USD" },
  },
  /** Back from checkout: the payment failed. */
  paymentFailed: { wallet: demoWallet, returnStatus: "failed" },
} satisfies Record<string, MockScenario>;

/** Name of a built-in scenario. */
export type MockScenarioName = keyof typeof fixtures;
