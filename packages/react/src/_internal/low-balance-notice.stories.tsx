import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor } from "storybook/test";
import { LowBalanceNotice } from "./low-balance-notice";

const meta = {
  title: "Components/LowBalanceNotice",
  component: LowBalanceNotice,
  parameters: { credyt: { scenario: "lowBalance" } },
  args: { account: "USD", lowBalance: 5, topUp: { currency: "USD", amount: 20 } },
  beforeEach: () => sessionStorage.clear(),
} satisfies Meta<typeof LowBalanceNotice>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Below the threshold: a top-up, the billing portal and a dismiss button. */
export const Low: Story = {
  tags: ["visual-widths"],
  play: async ({ canvas }) => {
    const notice = await canvas.findByRole("status");
    await expect(notice).toHaveAttribute("data-state", "low");
    await expect(notice).toHaveTextContent("Your balance is low: $3.20 left.");
    await expect(canvas.getByRole("button", { name: "Top up $20.00" })).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Manage billing" })).toBeVisible();
  },
};

/** Below zero. */
export const Overdraft: Story = {
  parameters: { credyt: { scenario: "overdraft" } },
  play: async ({ canvas }) => {
    const notice = await canvas.findByRole("status");
    await expect(notice).toHaveAttribute("data-state", "overdraft");
    await expect(notice).toHaveTextContent("Your balance is below zero: -$12.40.");
  },
};

/** Dismissed: gone for the rest of the browser session. */
export const Dismissed: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Dismiss" }));
    await waitFor(() => expect(canvas.queryByRole("status")).toBeNull());
  },
};
