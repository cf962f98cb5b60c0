import { CredytError } from "@credyt/core";
import type { Meta, StoryObj } from "@storybook/react-vite";
import type { ReactNode } from "react";
import { expect, screen, userEvent, waitFor } from "storybook/test";
import { BillingPortalLink } from "./billing-portal-link";
import { fixtures } from "./testing/fixtures";
import { TopUpButton } from "./top-up-button";
import { WalletBalance } from "./wallet-balance";

/** Every visible string at once: balance with badge and notice, buttons, and an error. */
function Showcase(props: { width?: number }): ReactNode {
  return (
    <div style={{ display: "grid", gap: 12, justifyItems: "start", maxWidth: props.width ?? 480 }}>
      <WalletBalance showAll lowBalance={20} />
      <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
        <TopUpButton amount={1234.5} currency="EUR" />
        <TopUpButton currency="EUR" />
        <BillingPortalLink />
      </div>
    </div>
  );
}

const scenario = {
  wallet: {
    accounts: [{ ...fixtures.lowBalance.wallet.accounts[0]!, pendingIn: 25 }, fixtures.ready.wallet.accounts[1]!],
  },
  returnStatus: "pending" as const,
};

const meta = {
  title: "Locales",
  component: Showcase,
  parameters: { credyt: { scenario, assets: { TOK: { label: "tokens", compact: true } } } },
  tags: ["!autodocs"],
} satisfies Meta<typeof Showcase>;
export default meta;
type Story = StoryObj<typeof meta>;

/** English (en-US), the default. */
export const English: Story = { parameters: { locale: "en" } };

/** German (de-DE): amounts as `1.234,50 €`. */
export const German: Story = {
  parameters: { locale: "de" },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("button", { name: /^1\.234,50\s€ aufladen$/ })).toBeVisible();
  },
};

/** Japanese (ja-JP). Screenshotted with Debian's IPA Gothic (`fonts-ipafont-gothic`, see docs/testing.md). */
export const Japanese: Story = {
  parameters: { locale: "ja" },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("button", { name: "チャージ" })).toBeVisible();
  },
};

/** Long German strings in a 220 px column: they wrap, nothing overflows or is cut off. */
export const GermanNarrow: Story = {
  name: "German, narrow column",
  args: { width: 220 },
  parameters: { locale: "de" },
  play: async ({ canvasElement }) => {
    for (const element of canvasElement.querySelectorAll<HTMLElement>("[data-credyt]")) {
      await expect(element.scrollWidth, element.textContent ?? "").toBeLessThanOrEqual(element.clientWidth + 1);
    }
  },
};

/** German error messages, narrow: the failed top-up and the failed portal link. */
export const GermanErrorsNarrow: Story = {
  name: "German errors, narrow column",
  args: { width: 220 },
  parameters: {
    locale: "de",
    credyt: {
      scenario,
      errors: {
        createTopUp: new CredytError("network_error", "offline"),
        createBillingPortalSession: new CredytError("rate_limited", "slow down"),
      },
    },
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: /^1\.234,50\s€ aufladen$/ }));
    await userEvent.click(canvas.getByRole("button", { name: "Abrechnung verwalten" }));
    // Both failures, each announced (they arrive one after the other).
    await waitFor(() => expect(canvas.getAllByRole("alert")).toHaveLength(2));
  },
};

/** The German dialog with a validation message. */
export const GermanDialog: Story = {
  name: "German dialog with a validation error",
  parameters: { locale: "de" },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Aufladen" }));
    const input = await screen.findByLabelText("Eigener Betrag (EUR)");
    // Radix Dialog turns pointer events off outside its layer until the layer is mounted: wait for it.
    await waitFor(() => expect(getComputedStyle(input).pointerEvents).not.toBe("none"));
    await userEvent.type(input, "12,345");
    await userEvent.click(screen.getByRole("button", { name: "Weiter zur Zahlung" }));
    await expect(await screen.findByText("Höchstens 2 Nachkommastellen.")).toBeVisible();
  },
};

/** The Japanese dialog. */
export const JapaneseDialog: Story = {
  name: "Japanese dialog",
  parameters: { locale: "ja" },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "チャージ" }));
    await expect(await screen.findByRole("dialog", { name: "残高をチャージ" })).toBeVisible();
  },
};
