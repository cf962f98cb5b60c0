import type { UsageSummary } from "@credyt/core";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor } from "storybook/test";
import { SpendChart } from "./spend-chart";
import { createMockClient } from "./testing/mock-client";

/** Cents spent per day, 1–20 November 2026 (the mock's "today" is the 20th): a month with a shape. */
const CENTS = [120, 340, 0, 95, 410, 230, 180, 0, 0, 265, 520, 310, 140, 75, 0, 220, 385, 290, 160, 135];

/** A month's summary with varied days, in UTC, as the proxy answers it. */
function variedMonth(cents: number[] = CENTS): UsageSummary {
  const total = cents.reduce((sum, c) => sum + c, 0);
  return {
    period: "month",
    tz: "UTC",
    from: "2026-11-01T00:00:00.000Z",
    to: "2026-11-20T15:00:00.001Z",
    totals: [{ asset: "USD", amount: total / 100 }],
    days: cents.map((c, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, "0")}`,
      totals: c > 0 ? [{ asset: "USD", amount: c / 100 }] : [],
    })),
    eventCount: cents.filter((c) => c > 0).length * 3,
    complete: true,
  };
}

const meta = {
  title: "Components/SpendChart",
  component: SpendChart,
  parameters: { credyt: { scenario: "ready" } },
  args: { asset: "USD", tz: "UTC" },
  decorators: [(Story) => <div style={{ maxWidth: 560 }}>{Story()}</div>],
} satisfies Meta<typeof SpendChart>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The whole month laid out (the days after today empty, so bars keep their width all month), a value
 * scale, the date axis with today marked, and today's figure read out without hovering.
 */
export const Ready: Story = {
  tags: ["visual-widths"],
  loaders: [() => ({ client: createMockClient({ usage: { summary: variedMonth() } }) })],
  play: async ({ canvas, canvasElement }) => {
    const chart = await canvas.findByRole("group", { name: "Spend per day this month" });
    await expect(chart.querySelectorAll('[data-credyt="spend-chart-day"]')).toHaveLength(30);
    await expect(chart.querySelectorAll('[data-credyt="spend-chart-day"][data-state="future"]')).toHaveLength(10);
    const readout = canvasElement.querySelector('[data-credyt="spend-chart-readout"]');
    await expect(readout).toHaveTextContent("Nov 20 · today$1.35");
    await expect(canvasElement.querySelector('[data-credyt="spend-chart-scale"]')).toHaveTextContent("$6.00$3.00$0.00");
    await expect(canvas.getByRole("table", { name: "Spend per day this month" })).toBeInTheDocument();
  },
};

/** One tab stop for the whole chart; the arrow keys, Home and End move between the days. */
export const Keyboard: Story = {
  loaders: [() => ({ client: createMockClient({ usage: { summary: variedMonth() } }) })],
  play: async ({ canvas, canvasElement }) => {
    const chart = await canvas.findByRole("group", { name: "Spend per day this month" });
    const days = canvas.getAllByRole("img");
    await expect(days).toHaveLength(20);
    await expect(days.filter((d) => d.tabIndex === 0)).toEqual([days[19]]);
    await userEvent.tab();
    await expect(days[19]).toHaveFocus();
    await userEvent.keyboard(
      "{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}",
    );
    await expect(days[11]).toHaveFocus();
    await expect(days[11]).toHaveAccessibleName("Nov 12: $3.10");
    const readout = canvasElement.querySelector('[data-credyt="spend-chart-readout"]');
    await waitFor(() => expect(readout).toHaveTextContent("Nov 12$3.10"));
    await userEvent.keyboard("{Home}");
    await expect(days[0]).toHaveFocus();
    await userEvent.keyboard("{End}");
    await expect(days[19]).toHaveFocus();
    await userEvent.keyboard("{PageUp}");
    await expect(days[12]).toHaveFocus();
    // Tab leaves the chart: the days are one stop, not twenty.
    await userEvent.tab();
    await expect(chart.contains(document.activeElement)).toBe(false);
  },
};

/** The first day of a month: one bar, the rest of the month still laid out. */
export const FirstDay: Story = {
  loaders: [
    () => ({
      client: createMockClient({
        usage: { summary: { ...variedMonth([240]), to: "2026-11-01T15:00:00.001Z" } },
      }),
    }),
  ],
  play: async ({ canvas }) => {
    await canvas.findByRole("group", { name: "Spend per day this month" });
    await expect(canvas.getAllByRole("img")).toHaveLength(1);
  },
};

/** Loading: the same skeleton as every other loading state, the size of the chart. */
export const Loading: Story = {
  loaders: [() => ({ client: { ...createMockClient(), get: () => new Promise<never>(() => {}) } })],
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('[data-credyt="spend-chart"]') as HTMLElement;
    await expect(root).toHaveAttribute("data-state", "loading");
    await expect(root.querySelector('[data-credyt="skeleton-bone"]')).toHaveTextContent("Loading usage…");
  },
};

/** Nothing spent this month. */
export const Empty: Story = {
  loaders: [() => ({ client: createMockClient({ usage: { events: [] } }) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Nothing spent this month yet.")).toBeVisible();
  },
};
