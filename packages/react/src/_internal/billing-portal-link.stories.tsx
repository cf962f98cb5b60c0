import { CredytError, type PortalSession } from "@credyt/core";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor } from "storybook/test";
import { BillingPortalLink } from "./billing-portal-link";
import { createMockClient, type MockCredytClient } from "./testing/mock-client";

/** A mock whose portal sessions never arrive: the pending state. */
function hangingPortal(): MockCredytClient {
  const client = createMockClient({ scenario: "ready" });
  return Object.assign(client, {
    createBillingPortalSession: (): Promise<PortalSession> => {
      client.calls.push({ method: "createBillingPortalSession", input: {} });
      return new Promise<PortalSession>(() => {});
    },
  });
}

const portalCalls = (client: MockCredytClient) =>
  client.calls.filter((call) => call.method === "createBillingPortalSession");

const meta = {
  title: "Components/BillingPortalLink",
  component: BillingPortalLink,
  parameters: { credyt: { scenario: "ready" } },
  argTypes: { target: { control: "select", options: ["_self", "_blank"] }, asChild: { control: false } },
} satisfies Meta<typeof BillingPortalLink>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A button that opens the hosted billing portal. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("button", { name: "Manage billing" })).toHaveAttribute("data-state", "idle");
  },
};

/** Creating the portal session: `aria-busy`, dimmed, further clicks ignored. */
export const PortalLinkPending: Story = {
  name: "Portal link pending",
  loaders: [() => ({ client: hangingPortal() })],
  play: async ({ canvas, loaded }) => {
    const link = canvas.getByRole("button", { name: "Manage billing" });
    await userEvent.click(link);
    await waitFor(() => expect(link).toHaveAttribute("data-state", "pending"));
    await expect(link).toHaveAttribute("aria-busy", "true");
    await userEvent.click(link);
    // The portal call follows once the lazily loaded checkout code is in: one call, however many clicks.
    await waitFor(() => expect(portalCalls(loaded.client as MockCredytClient)).toHaveLength(1));
  },
};

/** The session could not be created: the catalogue's message, announced. */
export const PortalError: Story = {
  name: "Portal link failed",
  parameters: {
    credyt: {
      scenario: "ready",
      errors: { createBillingPortalSession: new CredytError("unauthorized", "No session.") },
    },
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Manage billing" }));
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Please sign in again to continue.");
  },
};

/** `asChild` with your own link: a real `href` as the no-JavaScript fallback, our session on click. */
export const AsChildLink: Story = {
  name: "asChild with a link",
  args: {
    asChild: true,
    children: <a href="/billing">Billing and invoices</a>,
  },
  loaders: [() => ({ onRedirect: fn() })],
  play: async ({ canvas, loaded }) => {
    const link = canvas.getByRole("link", { name: "Billing and invoices" });
    await expect(link).toHaveAttribute("data-credyt", "billing-portal-link");
    await userEvent.click(link);
    await waitFor(() => expect(loaded.onRedirect).toHaveBeenCalledTimes(1));
    await expect(loaded.onRedirect).toHaveBeenCalledWith("https://portal.credyt.ai/mock/session", {
      kind: "billing_portal",
      target: undefined,
    });
  },
};

/** Hover prefetches the session, so the click navigates at once with no second request. */
export const PrefetchOnHover: Story = {
  name: "Prefetch on hover (interaction)",
  tags: ["interaction"],
  loaders: [() => ({ client: createMockClient({ scenario: "ready" }), onRedirect: fn() })],
  play: async ({ canvas, loaded }) => {
    const client = loaded.client as MockCredytClient;
    const link = canvas.getByRole("button", { name: "Manage billing" });
    await userEvent.hover(link);
    await waitFor(() => expect(portalCalls(client)).toHaveLength(1));
    await userEvent.click(link);
    await waitFor(() => expect(loaded.onRedirect).toHaveBeenCalledTimes(1));
    await expect(portalCalls(client)).toHaveLength(1);
  },
};

/** Keyboard: focus prefetches, Enter opens; `target="_blank"` is passed on for a new tab. */
export const KeyboardNewTab: Story = {
  name: "Keyboard, new tab (interaction)",
  tags: ["interaction"],
  args: { target: "_blank" },
  loaders: [() => ({ onRedirect: fn() })],
  play: async ({ canvas, loaded }) => {
    const link = canvas.getByRole("button", { name: "Manage billing" });
    await userEvent.tab();
    await expect(link).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() =>
      expect(loaded.onRedirect).toHaveBeenCalledWith("https://portal.credyt.ai/mock/session", {
        kind: "billing_portal",
        target: "_blank",
      }),
    );
  },
};
