import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor } from "storybook/test";
import { SpendChart } from "./spend-chart";
import { createMockClient } from "./testing/mock-client";

const meta = {
  title: "Components/SpendChart",
  component: SpendChart,
  parameters: { credyt: { scenario: "ready" } },
  args: { asset: "USD", tz: "UTC" },
  decorators: [(Story) => <div style={{ maxWidth: 480, paddingTop: 48 }}>{Story()}</div>],
} satisfies Meta<typeof SpendChart>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Spend per day this month; the chart's code loads lazily on first render. */
export const Ready: Story = {
  loaders: [() => ({ client: createMockClient() })],
  play: async ({ canvas }) => {
    const chart = await canvas.findByRole("group", { name: "Spend per day this month" });
    const bars = chart.querySelectorAll('[data-credyt="spend-chart-bar"]');
    await expect(bars.length).toBe(20);
    await expect(canvas.getByRole("table", { name: "Spend per day this month" })).toBeInTheDocument();
  },
};

/** A bar's tooltip on keyboard focus (and on hover). */
export const Tooltip: Story = {
  loaders: [() => ({ client: createMockClient() })],
  play: async ({ canvas }) => {
    await canvas.findByRole("group", { name: "Spend per day this month" });
    await userEvent.tab();
    await userEvent.tab();
    const tooltip = await canvas.findByRole("tooltip");
    await waitFor(() => expect(tooltip).toHaveTextContent(/^Nov 2: \$/));
  },
};

/** Nothing spent this month. */
export const Empty: Story = {
  loaders: [() => ({ client: createMockClient({ usage: { events: [] } }) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Nothing spent this month yet.")).toBeVisible();
  },
};
