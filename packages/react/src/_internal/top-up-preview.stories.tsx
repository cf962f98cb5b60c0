import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, screen, userEvent, waitFor } from "storybook/test";
import { TopUpButton } from "./top-up-button";

const meta = {
  title: "Components/TopUpButton/Custom asset preview",
  component: TopUpButton,
  parameters: { credyt: { scenario: "customAsset" }, docs: { story: { inline: false, height: "480px" } } },
  args: { currency: "USD", asset: "TOK", presets: [10, 25], defaultOpen: true },
} satisfies Meta<typeof TopUpButton>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The dialog for a custom asset says what the customer gets, from the server's quote. */
export const YouGet: Story = {
  name: "You get N tokens",
  play: async () => {
    await userEvent.click(await screen.findByRole("button", { name: "$25.00" }));
    const preview = await screen.findByText(/^You get /);
    await waitFor(() => expect(preview).toHaveTextContent("25,000,000"));
    await expect(preview).toHaveAttribute("data-state", "ready");
    await expect(preview).toHaveAttribute("aria-live", "polite");
  },
};
