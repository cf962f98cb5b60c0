import type { UsageSummary } from "@credyt/core";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { AccountPanel } from "./account-panel";
import { createMockClient } from "./testing/mock-client";
import { demoUsage } from "./testing/mock-usage";

/** Cents spent per day, 1–20 November 2026: the month the mock's demo history lives in. */
const CENTS = [120, 340, 0, 95, 410, 230, 180, 0, 0, 265, 520, 310, 140, 75, 0, 220, 385, 290, 160, 135];
const month: UsageSummary = {
  period: "month",
  tz: "UTC",
  from: "2026-11-01T00:00:00.000Z",
  to: "2026-11-20T15:00:00.001Z",
  totals: [{ asset: "USD", amount: 38.75 }],
  days: CENTS.map((c, i) => ({
    date: `2026-11-${String(i + 1).padStart(2, "0")}`,
    totals: c > 0 ? [{ asset: "USD", amount: c / 100 }] : [],
  })),
  eventCount: 51,
  complete: true,
};
const usage = { events: demoUsage(12), summary: month };

const meta = {
  title: "Components/AccountPanel",
  component: AccountPanel,
  parameters: { credyt: { scenario: "ready" } },
  args: { title: "Billing", tz: "UTC", historyLimit: 4 },
  tags: ["visual-widths"],
  decorators: [(Story) => <div style={{ maxWidth: 720 }}>{Story()}</div>],
} satisfies Meta<typeof AccountPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * What Credyt's hosted portal shows, in the app: the balance with this month's spend, a top-up, the spend
 * chart, the usage history and the billing portal link, each a public component in a replaceable slot.
 */
export const Ready: Story = {
  loaders: [() => ({ client: createMockClient({ usage }) })],
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole("group", { name: "Spend per day this month" });
    const panel = canvasElement.querySelector('[data-credyt="account-panel"]') as HTMLElement;
    await expect(within(panel).getByRole("heading", { name: "Billing" })).toBeVisible();
    await expect(panel.querySelector('[data-credyt="balance-amount"]')).toHaveTextContent("$14.57");
    await expect(await canvas.findByText("Spent this month: $38.75")).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Manage billing" })).toBeVisible();
    await expect(canvas.getByRole("button", { name: /Top up/ })).toBeVisible();
    await expect(panel.querySelectorAll('[data-credyt="usage-item"]').length).toBe(4);
    await expect(panel.querySelector('[data-credyt="low-balance"]')).toBeNull();
  },
};

/** Below its low-balance level ($5 here; usually the provider's `lowBalance`): the notice with its own top-up opens the panel. */
export const LowBalance: Story = {
  args: { lowBalance: 5 },
  parameters: { credyt: { scenario: "lowBalance" } },
  loaders: [() => ({ client: createMockClient({ scenario: "lowBalance", usage }) })],
  play: async ({ canvasElement }) => {
    const panel = canvasElement.querySelector('[data-credyt="account-panel"]') as HTMLElement;
    await expect(await within(panel).findByRole("status")).toHaveAttribute("data-credyt", "low-balance");
  },
};

/** Slots replaced or left out: an app's own heading content and no chart. */
export const CustomSlots: Story = {
  args: { title: "Credits", slots: { chart: null, summary: <p>Plan: Studio</p> } },
  loaders: [() => ({ client: createMockClient({ usage }) })],
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByText("Plan: Studio")).toBeVisible();
    await expect(canvasElement.querySelector('[data-credyt="spend-chart"]')).toBeNull();
  },
};
