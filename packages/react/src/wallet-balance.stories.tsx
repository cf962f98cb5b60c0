import type { CredytClient } from "@credyt/core";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { CredytProvider } from "./provider";
import { WalletBalance } from "./wallet-balance";

const client: CredytClient = {
  baseUrl: "/story",
  getWallet: async () => ({ accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 42.5 }] }),
  getAccount: async () => ({ id: "default:USD", name: "default", asset: "USD", available: 42.5 }),
  createTopUp: async () => {
    throw new Error("not here");
  },
  createBillingPortalSession: async () => {
    throw new Error("not here");
  },
};

const meta = {
  title: "Components/WalletBalance",
  component: WalletBalance,
  decorators: [
    (Story) => (
      <CredytProvider client={client} locale="en-US">
        <Story />
      </CredytProvider>
    ),
  ],
} satisfies Meta<typeof WalletBalance>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Ready: Story = {
  args: { asset: "USD" },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("$42.50")).toBeVisible();
  },
};
