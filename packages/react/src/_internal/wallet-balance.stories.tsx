import { CredytError, type Wallet } from "@credyt/core";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { useEffect, useRef } from "react";
import { expect, userEvent, waitFor } from "storybook/test";
import { fixtures } from "./testing/fixtures";
import { createMockClient, type MockCredytClient } from "./testing/mock-client";
import { useWallet } from "./use-wallet";
import { WalletBalance } from "./wallet-balance";

const offline = () => new CredytError("network_error", "Could not reach the billing server.");

/** A mock whose wallet request fails `failures` times, then answers: the retry path. */
function failingThenOk(failures: number, wallet: Wallet = fixtures.ready.wallet): MockCredytClient {
  const client = createMockClient({ wallet });
  let left = failures;
  const getWallet = client.getWallet;
  return Object.assign(client, {
    getWallet: () => {
      if (left-- > 0) {
        client.calls.push({ method: "getWallet" });
        return Promise.reject(offline());
      }
      return getWallet();
    },
  });
}

/** A mock whose first wallet request answers and every later one fails: a stale value. */
function okThenFailing(wallet: Wallet = fixtures.ready.wallet): MockCredytClient {
  const client = createMockClient({ wallet });
  let answered = false;
  const getWallet = client.getWallet;
  return Object.assign(client, {
    getWallet: () => {
      if (!answered) {
        answered = true;
        return getWallet();
      }
      client.calls.push({ method: "getWallet" });
      return Promise.reject(offline());
    },
  });
}

/** Re-fetches the wallet once after the first answer, as a focus or interval revalidation would. */
function RefreshOnce() {
  const { data, mutate } = useWallet();
  const done = useRef(false);
  useEffect(() => {
    if (data && !done.current) {
      done.current = true;
      // Straight from the effect the answer triggered: SWR's mutate() starts a new request.
      void mutate();
    }
  }, [data, mutate]);
  return null;
}

const meta = {
  title: "Components/WalletBalance",
  component: WalletBalance,
  parameters: { credyt: { scenario: "ready" } },
  args: { account: "USD" },
  argTypes: {
    account: { control: "text" },
    showAll: { control: "boolean" },
    lowBalance: { control: "number" },
  },
} satisfies Meta<typeof WalletBalance>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A balance, formatted for the provider's locale. */
export const Ready: Story = {
  play: async ({ canvas }) => {
    const amount = await canvas.findByText("$14.57");
    await expect(amount.closest("[data-credyt=balance]")).toHaveAttribute("data-state", "ready");
  },
};

/** Before the first answer: a skeleton with a text for screen readers, `aria-busy`. */
export const Loading: Story = {
  parameters: { credyt: { scenario: "loading" } },
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector("[data-credyt=balance]");
    await expect(root).toHaveAttribute("data-state", "loading");
    await expect(root).toHaveAttribute("aria-busy", "true");
  },
};

/** The wallet has no such account yet. */
export const Empty: Story = {
  parameters: { credyt: { scenario: "empty" } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("No balance yet")).toBeVisible();
  },
};

/** Nothing to show: an error and a Retry button. */
export const ErrorWithRetry: Story = {
  name: "Error with retry",
  parameters: { credyt: { scenario: "error" } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Could not load your balance.")).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeEnabled();
  },
};

/** Retry after a failure: the click re-fetches and the balance appears. */
export const RetryRecovers: Story = {
  name: "Retry recovers (interaction)",
  tags: ["interaction"],
  loaders: [() => ({ client: failingThenOk(1) })],
  play: async ({ canvas, loaded, step }) => {
    const client = loaded.client as MockCredytClient;
    const retry = await canvas.findByRole("button", { name: "Retry" });
    await step("click Retry", async () => {
      await userEvent.click(retry);
    });
    await expect(await canvas.findByText("$14.57")).toBeVisible();
    await expect(canvas.queryByRole("button", { name: "Retry" })).toBeNull();
    await expect(client.calls.filter((c) => c.method === "getWallet")).toHaveLength(2);
  },
};

/** Retry with the keyboard only: Tab reaches it, Enter activates it. */
export const RetryWithKeyboard: Story = {
  name: "Retry with the keyboard (interaction)",
  tags: ["interaction"],
  loaders: [() => ({ client: failingThenOk(1) })],
  play: async ({ canvas }) => {
    const retry = await canvas.findByRole("button", { name: "Retry" });
    await userEvent.tab();
    await expect(retry).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await expect(await canvas.findByText("$14.57")).toBeVisible();
  },
};

/** A refresh failed: the last good value stays, dimmed and marked "Not up to date", with Retry. */
export const StaleAfterError: Story = {
  name: "Stale value after an error",
  loaders: [() => ({ client: okThenFailing() })],
  render: (args) => (
    <>
      <WalletBalance {...args} />
      <RefreshOnce />
    </>
  ),
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByText("Not up to date")).toBeVisible();
    await expect(canvas.getByText("$14.57")).toBeVisible();
    await expect(canvasElement.querySelector("[data-credyt=balance]")).toHaveAttribute("data-state", "stale");
  },
};

/** A negative balance: red amount and an "Overdrawn" badge. */
export const Overdraft: Story = {
  parameters: { credyt: { scenario: "overdraft" } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Overdrawn")).toBeVisible();
    await expect(canvas.getByText("-$12.40")).toHaveAttribute("data-state", "overdraft");
  },
};

/** Under `lowBalance`: a "Low balance" badge. */
export const LowBalance: Story = {
  args: { lowBalance: 5 },
  parameters: { credyt: { scenario: "lowBalance" } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Low balance")).toBeVisible();
  },
};

/** A custom asset, displayed with the provider's `assets` settings (label, compact notation). */
export const CustomAsset: Story = {
  args: { account: "TOK" },
  parameters: { credyt: { scenario: "customAsset", assets: { TOK: { label: "tokens", compact: true } } } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/tokens/)).toBeVisible();
  },
};

/** `showAll`: every account as a list (fiat, custom assets, a second named account). */
export const ManyAccounts: Story = {
  args: { account: undefined, showAll: true, lowBalance: 20 },
  parameters: { credyt: { scenario: "manyAccounts" } },
  play: async ({ canvas }) => {
    const list = await canvas.findByRole("list", { name: "Balance" });
    await waitFor(() => expect(list.querySelectorAll("li")).toHaveLength(6));
  },
};

/** Back from checkout, paid, the credit not yet landed: the incoming amount and a notice. */
export const PendingTopUpAfterReturn: Story = {
  name: "Pending top-up after return",
  parameters: { credyt: { scenario: "pendingTopUp" } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Payment received, updating…")).toBeVisible();
    await expect(canvas.getByText("$25.00 pending")).toBeVisible();
  },
};

/** Back from checkout, still not credited after the wait: a calmer notice. */
export const ProcessingAfterReturn: Story = {
  name: "Still processing after return",
  parameters: {
    credyt: { scenario: { wallet: fixtures.pendingTopUp.wallet, returnStatus: "processing" } },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Payment received. Your balance will update shortly.")).toBeVisible();
  },
};

/** Back from a failed payment: the balance is unchanged and the customer is told so. */
export const PaymentFailed: Story = {
  parameters: { credyt: { scenario: "paymentFailed" } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("The payment did not go through. You were not charged.")).toBeVisible();
  },
};

/** Money on its way that this browser never paid for (an abandoned top-up): not shown as pending. */
export const PendingNotPaidHere: Story = {
  name: "Pending, not paid in this browser",
  parameters: { credyt: { scenario: "pendingElsewhere" } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("$14.57")).toBeVisible();
    await expect(canvas.queryByText("$60.00 pending")).toBeNull();
  },
};

/** The app opts in with `showPending`: incoming amounts show whoever started them. */
export const ShowPending: Story = {
  name: "Pending, shown with showPending",
  args: { showPending: true },
  parameters: { credyt: { scenario: "pendingElsewhere" } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("$60.00 pending")).toBeVisible();
  },
};

/** Back from a paid checkout and credited: "Added $20.00" until dismissed (or 8 s). */
export const TopUpConfirmed: Story = {
  name: "Top-up confirmed",
  parameters: { credyt: { scenario: "topUpConfirmed" } },
  play: async ({ canvas }) => {
    const status = await canvas.findByRole("status");
    await expect(status).toHaveTextContent("Added $20.00");
    // The confirmation can come before the balance it confirms: wait for that too.
    await expect(await canvas.findByText("$34.57")).toBeVisible();
  },
};
