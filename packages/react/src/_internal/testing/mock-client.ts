import {
  type CredytClient,
  CredytError,
  type PortalSession,
  type TopUp,
  type TopUpInput,
  type Wallet,
} from "@credyt/core";
import { fixtures, type MockErrors, type MockScenario, type MockScenarioName } from "./fixtures";
import { type MockUsageOptions, mockUsageGet } from "./mock-usage";

/** Options of {@link createMockClient}. */
export interface MockClientOptions {
  /** A built-in scenario name (`"lowBalance"`) or your own scenario. @default "ready" */
  scenario?: MockScenarioName | MockScenario;
  /** The wallet to answer with; wins over the scenario's. */
  wallet?: Wallet;
  /** Milliseconds every call waits before answering. @default 0 */
  delayMs?: number;
  /** Errors per method; win over the scenario's. */
  errors?: MockErrors;
  /** Where created top-ups send the customer. @default "https://checkout.credyt.ai/mock/top-up" */
  checkoutUrl?: string;
  /** Where portal sessions send the customer. @default "https://portal.credyt.ai/mock/session" */
  portalUrl?: string;
  /** The `baseUrl` the client reports (part of the SWR cache key). @default "mock://credyt" */
  baseUrl?: string;
  /** What `get` answers for `/usage`, `/usage/summary` and `/quote`. @default a demo history */
  usage?: MockUsageOptions;
}

/** One recorded call of a mock client. */
export interface MockCall {
  /** Which client method was called. */
  method: "getWallet" | "getAccount" | "createTopUp" | "createBillingPortalSession" | "get";
  /** Its argument (a `TopUpInput`, a path…), when it had one. */
  input?: unknown;
  /** `createTopUp`'s idempotency key. */
  idempotencyKey?: string;
}

/** A `CredytClient` that answers from memory and records its calls. */
export interface MockCredytClient extends CredytClient {
  /** Every call so far, oldest first. */
  readonly calls: MockCall[];
  /** Replaces the wallet later calls answer with. */
  setWallet(wallet: Wallet): void;
  /** The scenario this client was made from. */
  readonly scenario: MockScenario;
}

const CREATED_AT = "2026-01-01T00:00:00.000Z";
const EXPIRES_AT = "2099-01-01T00:00:00.000Z";

/** Resolves a scenario name or object. */
export function resolveScenario(scenario: MockScenarioName | MockScenario | undefined): MockScenario {
  if (scenario === undefined) return fixtures.ready;
  return typeof scenario === "string" ? fixtures[scenario] : scenario;
}

/**
 * A deterministic in-memory `CredytClient` for tests and Storybook: fixed ids and dates, optional
 * delays and errors, and a `calls` log (one `createTopUp` per idempotency key, like the real API).
 *
 * @example
 * const client = createMockClient({ scenario: "lowBalance", delayMs: 300 });
 * render(<CredytProvider client={client}><WalletBalance lowBalance={5} /></CredytProvider>);
 */
export function createMockClient(options: MockClientOptions = {}): MockCredytClient {
  const scenario = resolveScenario(options.scenario);
  const errors = { ...scenario.errors, ...options.errors };
  let wallet: Wallet = options.wallet ?? scenario.wallet ?? { accounts: [] };
  const calls: MockCall[] = [];
  const topUps = new Map<string, TopUp>();
  const checkoutUrl = options.checkoutUrl ?? "https://checkout.credyt.ai/mock/top-up";

  function answer<T>(method: keyof MockErrors | "getAccount", value: () => T): Promise<T> {
    if (method === "getWallet" && scenario.loading && !options.wallet) return new Promise<T>(() => {});
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        const error = method === "getAccount" ? errors.getWallet : errors[method];
        if (error) reject(error);
        else {
          try {
            resolve(value());
          } catch (thrown) {
            reject(thrown);
          }
        }
      };
      if (options.delayMs) setTimeout(settle, options.delayMs);
      else queueMicrotask(settle);
    });
  }

  const usageGet = mockUsageGet(
    options.usage ?? {},
    (error, value) =>
      new Promise((resolve, reject) => {
        const settle = () => {
          try {
            if (error) reject(error);
            else resolve(value());
          } catch (thrown) {
            reject(thrown);
          }
        };
        if (options.delayMs) setTimeout(settle, options.delayMs);
        else queueMicrotask(settle);
      }),
  );

  return {
    baseUrl: options.baseUrl ?? "mock://credyt",
    get<W>(path: string, check: (body: unknown) => string[]) {
      calls.push({ method: "get", input: path });
      return usageGet<W>(path, check);
    },
    calls,
    scenario,
    setWallet(next) {
      wallet = next;
    },
    getWallet() {
      calls.push({ method: "getWallet" });
      return answer("getWallet", () => structuredClone(wallet));
    },
    getAccount(accountId) {
      calls.push({ method: "getAccount", input: accountId });
      return answer("getAccount", () => {
        const account = wallet.accounts.find((a) => a.id === accountId);
        if (!account) throw new CredytError("not_found", `The wallet has no account ${accountId}.`);
        return { ...account };
      });
    },
    createTopUp(input: TopUpInput, { idempotencyKey }) {
      calls.push({ method: "createTopUp", input, idempotencyKey });
      return answer("createTopUp", () => {
        const existing = topUps.get(idempotencyKey);
        if (existing) return existing;
        const id = `tu_mock_${topUps.size + 1}`;
        const topUp: TopUp = {
          id,
          status: "initiated",
          redirectUrl: `${checkoutUrl}?id=${id}`,
          createdAt: CREATED_AT,
          expiresAt: EXPIRES_AT,
        };
        topUps.set(idempotencyKey, topUp);
        return topUp;
      });
    },
    createBillingPortalSession(input = {}) {
      calls.push({ method: "createBillingPortalSession", input });
      return answer(
        "createBillingPortalSession",
        (): PortalSession => ({
          redirectUrl: options.portalUrl ?? "https://portal.credyt.ai/mock/session",
          expiresAt: EXPIRES_AT,
        }),
      );
    },
  };
}
