import type { Meta, StoryObj } from "@storybook/react-vite";
import type { ReactNode } from "react";
import { expect, screen, userEvent, waitFor } from "storybook/test";
import { BillingPortalLink } from "./billing-portal-link";
import { LowBalanceNotice } from "./low-balance-notice";
import { TopUpButton } from "./top-up-button";
import { WalletBalance } from "./wallet-balance";

/** A phone's content width: 375 px less 16 px of page margin on each side. */
function Phone(props: { children?: ReactNode }): ReactNode {
  return <div style={{ width: 343 }}>{props.children}</div>;
}

const meta = {
  title: "Look",
  component: Phone,
  parameters: { credyt: { scenario: "ready" } },
  tags: ["!autodocs"],
} satisfies Meta<typeof Phone>;
export default meta;
type Story = StoryObj<typeof meta>;

const box = (element: Element) => element.getBoundingClientRect();
/** Rendered on one line: no taller than its line box plus padding and borders allow. */
const oneLine = (element: Element) => box(element).height < 2.9 * Number.parseFloat(getComputedStyle(element).fontSize);

/**
 * At 375 px the low-balance notice keeps its dismiss button in the corner (never on a line of its own) and
 * its actions whole: "Top up $20.00" and "Manage billing" each on one line.
 */
export const PhoneLowBalance: Story = {
  name: "Phone: low-balance notice",
  parameters: { credyt: { scenario: "lowBalance" } },
  render: () => (
    <Phone>
      <LowBalanceNotice account="USD" lowBalance={5} topUp={{ currency: "USD", amount: 20 }} />
    </Phone>
  ),
  beforeEach: () => sessionStorage.clear(),
  play: async ({ canvas }) => {
    const notice = await canvas.findByRole("status");
    const dismiss = canvas.getByRole("button", { name: "Dismiss" });
    const message = notice.querySelector('[data-credyt="low-balance-message"]') as Element;
    // The × sits beside the message's first line, inside the notice's corner.
    await expect(box(dismiss).top - box(notice).top).toBeLessThan(16);
    await expect(box(dismiss).top).toBeLessThan(box(message).bottom);
    for (const name of ["Top up $20.00", "Manage billing"]) {
      await expect(oneLine(canvas.getByRole("button", { name }))).toBe(true);
    }
  },
};

/** "Added $20.00" floats under the balance: showing and dismissing it never moves what follows. */
export const ConfirmationNoShift: Story = {
  name: "Confirmation does not shift layout",
  parameters: { credyt: { scenario: "topUpConfirmed" } },
  render: () => (
    <Phone>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
        <WalletBalance account="USD" />
        <TopUpButton amount={20} currency="USD" />
        <BillingPortalLink />
      </div>
      <p data-testid="below">The content below the header.</p>
    </Phone>
  ),
  play: async ({ canvas }) => {
    const status = await canvas.findByRole("status");
    await expect(status).toHaveTextContent("Added $20.00");
    await expect(oneLine(status)).toBe(true);
    const below = canvas.getByTestId("below");
    const top = box(below).top;
    await userEvent.click(canvas.getByRole("button", { name: "Dismiss" }));
    await waitFor(() => expect(canvas.queryByText("Added $20.00")).toBeNull());
    await expect(box(below).top).toBe(top);
  },
};

/** A chosen preset reads as chosen: a filled tint of the accent, a check mark and bold figures. */
export const PresetChosen: Story = {
  name: "Chosen preset",
  render: () => <TopUpButton currency="USD" presets={[10, 25, 50]} />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Top up" }));
    const chosen = await screen.findByRole("button", { name: "$25.00" });
    await userEvent.click(chosen);
    await expect(chosen).toHaveAttribute("aria-pressed", "true");
    const other = screen.getByRole("button", { name: "$10.00" });
    const style = getComputedStyle(chosen);
    await expect(style.backgroundColor).not.toBe(getComputedStyle(other).backgroundColor);
    await expect(style.fontWeight).toBe("600");
    await expect(getComputedStyle(chosen, "::before").content).toContain("✓");
  },
};
