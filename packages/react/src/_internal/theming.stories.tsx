import type { Meta, StoryObj } from "@storybook/react-vite";
import type { ReactNode } from "react";
import { expect, screen, userEvent, waitFor } from "storybook/test";
import { BillingPortalLink } from "./billing-portal-link";
import { TopUpButton } from "./top-up-button";
import { WalletBalance } from "./wallet-balance";

/** The three components as an app would place them in a billing card. */
function BillingCard(props: { children?: ReactNode }): ReactNode {
  return (
    <div style={{ display: "grid", gap: 12, justifyItems: "start", maxWidth: 420 }}>
      <WalletBalance account="USD" lowBalance={20} />
      <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
        <TopUpButton amount={20} currency="USD" />
        <TopUpButton currency="USD" />
        <BillingPortalLink />
      </div>
      {props.children}
    </div>
  );
}

const meta = {
  title: "Theming",
  component: BillingCard,
  parameters: { credyt: { scenario: "ready" } },
  tags: ["!autodocs"],
} satisfies Meta<typeof BillingCard>;
export default meta;
type Story = StoryObj<typeof meta>;

/** `@credyt/react/styles.css`, light. */
export const Light: Story = {
  tags: ["visual-widths"],
  parameters: { theme: "light", credyt: { scenario: "ready", appearance: { theme: "light" } } },
};

/** Dark: `appearance={{ theme: "dark" }}` (or `data-credyt-theme="dark"` on any ancestor, or the OS setting). */
export const Dark: Story = {
  tags: ["visual-widths"],
  parameters: { theme: "dark", credyt: { scenario: "ready", appearance: { theme: "dark" } } },
};

/**
 * A brand theme set only through `--credyt-*` variables, here with the provider's `appearance.variables`.
 * Only theme-neutral variables: surfaces and text colours stay with the light/dark theme (axe checks both).
 */
export const Brand: Story = {
  parameters: {
    credyt: {
      scenario: "ready",
      appearance: {
        variables: {
          accent: "#0f766e",
          "accent-text": "#ffffff",
          radius: "2px",
          border: "#0f766e",
          gap: "0.75rem",
          font: '"DejaVu Serif", serif',
        },
      },
    },
  },
  play: async ({ canvas }) => {
    const button = canvas.getByRole("button", { name: "Top up $20.00" });
    await expect(getComputedStyle(button).backgroundColor).toBe("rgb(15, 118, 110)");
  },
};

/** The same brand from the host's stylesheet: variables on a wrapper class, dialog included. */
export const BrandFromCss: Story = {
  name: "Brand from host CSS",
  render: () => (
    <div className="acme-billing">
      <style>{`
        .acme-billing, [data-credyt="top-up-dialog"], [data-credyt="top-up-overlay"] {
          --credyt-accent: #9d174d;
          --credyt-accent-text: #ffffff;
          --credyt-radius: 999px;
          --credyt-border: #9d174d;
          --credyt-overlay: rgb(157 23 77 / 0.35);
        }
      `}</style>
      <BillingCard />
    </div>
  ),
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Top up" }));
    const submit = await screen.findByRole("button", { name: "Continue to payment" });
    await expect(getComputedStyle(submit).backgroundColor).toBe("rgb(157, 23, 77)");
  },
};

/** Host utility classes, as Tailwind would generate them (this page's stylesheet, not ours). */
const HOST_UTILITIES = `
  .u-row { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
  .u-stack { display: grid; gap: 10px; justify-items: start; }
  .u-amount { font-size: 28px; font-weight: 700; letter-spacing: -0.02em; }
  .u-badge { font-size: 12px; text-transform: uppercase; background: #fef3c7; color: #78350f; padding: 2px 8px; }
  .u-btn { font: inherit; border: 2px solid #1e3a8a; background: #1e3a8a; color: #fff; padding: 6px 14px; cursor: pointer; }
  .u-btn-ghost { font: inherit; border: 2px solid #1e3a8a; background: transparent; color: #1e3a8a; padding: 6px 14px; }
  [data-credyt-theme="dark"] .u-btn-ghost { border-color: #93c5fd; color: #93c5fd; }
  [data-credyt-theme="dark"] .u-btn { border-color: #93c5fd; background: #93c5fd; color: #0b0f17; }
  .u-link { color: #1d4ed8; text-decoration: underline; background: none; border: 0; padding: 0; font: inherit; cursor: pointer; }
  [data-credyt-theme="dark"] .u-link { color: #93c5fd; }
`;

/** Without `styles.css`: only `className` / `classNames` with the host's own utility classes. */
export const UnstyledWithUtilityClasses: Story = {
  name: "Unstyled, host utility classes",
  parameters: {
    credytStyles: false,
    credyt: { scenario: "lowBalance" },
    // In the docs page other stories load styles.css; an iframe keeps this one truly unstyled.
    docs: { story: { inline: false, height: "180px" } },
  },
  render: () => (
    <div className="u-stack">
      <style>{HOST_UTILITIES}</style>
      <WalletBalance
        account="USD"
        lowBalance={5}
        className="u-row"
        classNames={{ amount: "u-amount", badge: "u-badge" }}
      />
      <div className="u-row">
        <TopUpButton amount={20} currency="USD" className="u-btn" />
        <BillingPortalLink className="u-link" />
      </div>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const sheets = [...document.styleSheets].some((sheet) =>
      [...sheet.cssRules].some((rule) => rule.cssText.startsWith("@layer credyt")),
    );
    await expect(sheets).toBe(false);
    await waitFor(() => expect(canvasElement.querySelector("[data-credyt=balance-amount]")).toHaveClass("u-amount"));
  },
};

/** `asChild`: your own button and link receive our behaviour, state and data attributes. */
export const AsChild: Story = {
  name: "asChild with the host's button and link",
  render: () => (
    <div className="u-stack">
      <style>{HOST_UTILITIES}</style>
      <WalletBalance account="USD" />
      <div className="u-row">
        <TopUpButton amount={50} currency="USD" asChild>
          <button type="button" className="u-btn">
            Add $50 of credit
          </button>
        </TopUpButton>
        <TopUpButton currency="USD" asChild>
          <button type="button" className="u-btn-ghost">
            Other amount…
          </button>
        </TopUpButton>
        <BillingPortalLink asChild>
          <a href="/billing" className="u-link">
            Invoices and payment methods
          </a>
        </BillingPortalLink>
      </div>
    </div>
  ),
  play: async ({ canvas }) => {
    const button = canvas.getByRole("button", { name: "Add $50 of credit" });
    await expect(button).toHaveAttribute("data-credyt", "top-up-button");
    await expect(button).toHaveClass("u-btn");
    await expect(canvas.getByRole("link", { name: "Invoices and payment methods" })).toHaveAttribute(
      "data-credyt",
      "billing-portal-link",
    );
  },
};
