import type { Meta, StoryObj } from "@storybook/react-vite";
import type { ReactNode } from "react";
import { expect } from "storybook/test";
import { SpendChart } from "./spend-chart";
import { SpendSummary } from "./spend-summary";
import { createMockClient } from "./testing/mock-client";
import { UsageHistory } from "./usage-history";
import { WalletBalance } from "./wallet-balance";

/** Every component that loads, side by side while nothing has answered yet. */
function LoadingStates(): ReactNode {
  return (
    <div style={{ display: "grid", gap: 20, maxWidth: 560 }}>
      <WalletBalance account="USD" />
      <SpendSummary tz="UTC" />
      <SpendChart asset="USD" tz="UTC" />
      <UsageHistory />
    </div>
  );
}

const meta = {
  title: "Loading",
  component: LoadingStates,
  tags: ["!autodocs"],
} satisfies Meta<typeof LoadingStates>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * One skeleton language for every loading state: pulsing blocks in the surface colour, shaped like
 * what is coming (an amount, a line, the chart, rows), each with its words kept for screen readers.
 */
export const Everything: Story = {
  parameters: { credyt: { scenario: "loading" } },
  loaders: [
    () => ({ client: { ...createMockClient({ scenario: "loading" }), get: () => new Promise<never>(() => {}) } }),
  ],
  play: async ({ canvasElement }) => {
    const skeletons = canvasElement.querySelectorAll('[data-credyt$="-skeleton"]');
    await expect([...skeletons].map((s) => s.getAttribute("data-credyt"))).toEqual([
      "balance-skeleton",
      "spend-summary-skeleton",
      "spend-chart-skeleton",
      "usage-skeleton",
    ]);
    for (const s of skeletons) await expect(getComputedStyle(s).color).toBe("rgba(0, 0, 0, 0)");
  },
};
