import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { SpendSummary } from "./spend-summary";
import { createMockClient } from "./testing/mock-client";

const meta = {
  title: "Components/SpendSummary",
  component: SpendSummary,
  parameters: { credyt: { scenario: "ready" } },
  args: { tz: "UTC" },
} satisfies Meta<typeof SpendSummary>;
export default meta;
type Story = StoryObj<typeof meta>;

/** "Spent this month" per asset, as the server added it up. */
export const Ready: Story = {
  loaders: [() => ({ client: createMockClient() })],
  play: async ({ canvas }) => {
    const summary = await canvas.findByText(/^Spent this month:/);
    await expect(summary).toHaveAttribute("data-state", "ready");
    await expect(summary).toHaveTextContent("$");
  },
};

/** Nothing spent yet this month. */
export const Empty: Story = {
  loaders: [() => ({ client: createMockClient({ usage: { events: [] } }) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Nothing spent this month yet.")).toHaveAttribute("data-state", "empty");
  },
};
