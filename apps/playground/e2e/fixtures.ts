import { test as base, expect, type Page } from "@playwright/test";

export { expect };

export const DEMO_CUSTOMER_ID = "cust_4yd8340ff7fvwe1emfpe87d4w6";
export const SECOND_CUSTOMER_ID = "cust_473cr1y0ghbyc3m1yfbwvn3nxx";

interface StoredAccount {
  name: string;
  asset: string;
  available: string | number;
}
interface StoredTopUp {
  id: string;
  customer_id: string;
  status: string;
}

/** The emulator's admin API (`/__emulator/*`): reset between tests, and read what Credyt holds. */
export class EmulatorAdmin {
  constructor(readonly url: string) {}

  async reset(): Promise<void> {
    const response = await fetch(`${this.url}/__emulator/reset`, { method: "POST" });
    if (!response.ok) throw new Error(`emulator reset answered ${response.status}`);
  }

  private async state(): Promise<{
    customers: { id: string; accounts: StoredAccount[] }[];
    topUps: StoredTopUp[];
  }> {
    const response = await fetch(`${this.url}/__emulator/state`);
    if (!response.ok) throw new Error(`emulator state answered ${response.status}`);
    return response.json();
  }

  /** The exact available amount, as the decimal string Credyt's books hold. */
  async available(customerId: string, asset: string): Promise<string> {
    const customer = (await this.state()).customers.find((c) => c.id === customerId);
    const account = customer?.accounts.find((a) => a.name === "default" && a.asset === asset);
    if (!account) throw new Error(`no default:${asset} account for ${customerId}`);
    return String(account.available);
  }

  async topUps(customerId: string): Promise<StoredTopUp[]> {
    return (await this.state()).topUps.filter((t) => t.customer_id === customerId);
  }
}

export const test = base.extend<{ emulator: EmulatorAdmin; consoleErrors: string[] }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  baseURL: async ({}, use) => {
    const url = process.env.PLAYGROUND_URL;
    if (!url) throw new Error("PLAYGROUND_URL is not set: the global setup did not start the server.");
    await use(url);
  },
  // Automatic: every test starts from the seed, whether or not it reads the emulator itself (tests that
  // bill usage would otherwise leave the next one a smaller balance).
  emulator: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const url = process.env.EMULATOR_URL;
      if (!url) throw new Error("EMULATOR_URL is not set: the global setup did not start the emulator.");
      const emulator = new EmulatorAdmin(url);
      await emulator.reset();
      await use(emulator);
    },
    { auto: true },
  ],
  // Every test also proves the app's pages log no errors (React warnings, failed requests). Only the
  // app's origin counts: the emulator's hosted pages stand in for Credyt's and are not under test here.
  consoleErrors: [
    async ({ page, baseURL }, use) => {
      const errors: string[] = [];
      const app = new URL(baseURL ?? "").origin;
      page.on("console", (message) => {
        const where = message.location().url || page.url();
        if (message.type() === "error" && new URL(where).origin === app) errors.push(`${message.text()} (${where})`);
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

/** Signs in through the demo sign-in page and waits for the header balance. */
export async function signIn(page: Page, name: "Demo Customer" | "Second Customer"): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: new RegExp(`Sign in as ${name}`) }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(name);
  await expect(headerBalance(page)).toHaveAttribute("data-state", "ready");
}

/** The balance in the header (`<WalletBalance account="USD">`). */
export function headerBalance(page: Page) {
  return page.getByTestId("header-balance").locator('[data-credyt="balance"]');
}

export function headerAmount(page: Page) {
  return page.getByTestId("header-balance").locator('[data-credyt="balance-amount"]');
}

/** Fills the emulator's hosted checkout with a Stripe test card and pays. */
export async function payWithCard(page: Page, card: string): Promise<void> {
  await expect(page.getByRole("heading", { name: "Top up your balance" })).toBeVisible();
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel("Expiry (MM/YY)").fill("12/34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
}
