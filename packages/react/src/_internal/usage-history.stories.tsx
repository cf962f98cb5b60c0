import { CredytError } from "@credyt/core";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor } from "storybook/test";
import { createMockClient } from "./testing/mock-client";
import { UsageHistory } from "./usage-history";

const meta = {
  title: "Components/UsageHistory",
  component: UsageHistory,
  parameters: { credyt: { scenario: "ready" } },
  args: { limit: 6 },
  argTypes: { limit: { control: { type: "number", min: 1, max: 100 } } },
} satisfies Meta<typeof UsageHistory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Recent charges grouped by day, newest first; "Load more" fetches the next page. */
export const Ready: Story = {
  loaders: [() => ({ client: createMockClient() })],
  play: async ({ canvas, canvasElement }) => {
    const root = canvasElement.querySelector('[data-credyt="usage-history"]') as HTMLElement;
    await waitFor(() => expect(root).toHaveAttribute("data-state", "ready"));
    const items = () => root.querySelectorAll('[data-credyt="usage-item"]');
    await expect(items()).toHaveLength(6);
    await expect(canvas.getAllByText("$0.50").length).toBeGreaterThan(0);
    await userEvent.click(canvas.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(items()).toHaveLength(12));
  },
};

/** A customer with no usage yet. */
export const Empty: Story = {
  loaders: [() => ({ client: createMockClient({ usage: { events: [] } }) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("No usage yet.")).toBeVisible();
    await expect(canvas.queryByRole("button", { name: "Load more" })).toBeNull();
  },
};

/** The usage could not be loaded: a message and a retry. */
export const ErrorState: Story = {
  name: "Error",
  loaders: [
    () => ({
      client: createMockClient({
        usage: { errors: { getUsage: new CredytError("upstream_error", "The billing service failed.") } },
      }),
    }),
  ],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Could not load your usage.");
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
  },
};

/** In Japanese, with Japanese dates and times. */
export const Japanese: Story = {
  parameters: { locale: "ja" },
  loaders: [() => ({ client: createMockClient() })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("button", { name: "さらに表示" })).toBeVisible();
    await expect(canvas.getByRole("region", { name: "利用履歴" })).toBeVisible();
  },
};
