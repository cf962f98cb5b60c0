import { createEmulator, DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { createCredytProxy } from "@credyt/proxy";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { type ReactNode, useState } from "react";
import { expect, userEvent, waitFor } from "storybook/test";
import { BillingPortalLink } from "./billing-portal-link";
import { CredytProvider } from "./provider";
import { TopUpButton } from "./top-up-button";
import { useWallet } from "./use-wallet";
import { WalletBalance } from "./wallet-balance";

/** Where the in-page emulator pretends to live: its hosted checkout and portal pages use this host. */
const EMULATOR = "https://emulator.credyt.test";

/**
 * The real chain, all in this page: `CredytProvider`'s client → `createCredytProxy` (the server half,
 * with the API key and the session's customer) → `createEmulator` (Credyt's API). Nothing is mocked
 * except the network between them, which is a function call.
 */
function createLiveBackend() {
  const emulator = createEmulator({ admin: true, publicUrl: EMULATOR });
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: EMULATOR,
    getCustomerId: () => DEMO_CUSTOMER_ID,
    // Storybook is development: this page's own origin is the site (a browser has no NODE_ENV to say so).
    dev: true,
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });
  const admin = async (path: string, init?: RequestInit) => {
    const response = await emulator.fetch(new Request(`${EMULATOR}${path}`, init));
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  /** The browser's `fetch`, answered by the proxy. */
  const browserFetch: typeof fetch = (input, init) => proxy(new Request(new URL(String(input), location.href), init));
  return { emulator, admin, fetch: browserFetch };
}
type Backend = ReturnType<typeof createLiveBackend>;

/** Stands in for the hosted checkout page: pays or declines the newest top-up, then refreshes. */
function CheckoutPanel(props: { backend: Backend; url: string; onDone: () => void }): ReactNode {
  const { mutate } = useWallet();
  const [busy, setBusy] = useState(false);
  const settle = async (outcome: "complete" | "fail") => {
    setBusy(true);
    const state = (await props.backend.admin("/__emulator/state")) as { topUps: { id: string }[] };
    const newest = state.topUps.at(-1);
    if (newest) await props.backend.admin(`/__emulator/top-ups/${newest.id}/${outcome}`, { method: "POST" });
    await mutate();
    setBusy(false);
    props.onDone();
  };
  return (
    <section aria-label="Emulator checkout" style={{ border: "1px dashed currentColor", padding: 12, marginTop: 16 }}>
      <p style={{ margin: "0 0 8px" }}>
        The app would now leave for <code>{new URL(props.url).host}</code>. Settle the payment here instead:
      </p>
      <div style={{ display: "flex", gap: 8 }}>
        <button type="button" disabled={busy} onClick={() => void settle("complete")}>
          Pay
        </button>
        <button type="button" disabled={busy} onClick={() => void settle("fail")}>
          Decline
        </button>
      </div>
    </section>
  );
}

function LiveDemo(): ReactNode {
  const [backend] = useState(createLiveBackend);
  const [redirect, setRedirect] = useState<string | undefined>(undefined);
  return (
    <CredytProvider
      // Each story has its own emulator behind the same URL: its own SWR cache too.
      cache="isolated"
      baseUrl="/api/credyt"
      fetch={backend.fetch}
      locale="en-US"
      allowedRedirectHosts={["emulator.credyt.test"]}
      onRedirect={(url, event) => {
        event.preventDefault();
        setRedirect(url);
      }}
    >
      <div style={{ display: "grid", gap: 12, justifyItems: "start" }}>
        <WalletBalance account="USD" />
        <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
          <TopUpButton amount={20} currency="USD" />
          <TopUpButton currency="USD" min={5} max={500} />
          <BillingPortalLink />
        </div>
      </div>
      {redirect && <CheckoutPanel backend={backend} url={redirect} onDone={() => setRedirect(undefined)} />}
    </CredytProvider>
  );
}

const meta = {
  title: "Live/Proxy and emulator",
  component: LiveDemo,
  // Talks to a real (in-page) backend: rendered, played and axe-checked, but not screenshotted.
  tags: ["no-visual", "!autodocs"],
} satisfies Meta<typeof LiveDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The demo customer's real wallet, served by the emulator through the proxy. */
export const Wallet: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("$14.57", {}, { timeout: 5000 })).toBeVisible();
  },
};

/** The whole flow: top up 20 USD, "pay" on the emulator, and the balance grows by 20. */
export const TopUpFlow: Story = {
  name: "Top-up flow (interaction)",
  tags: ["interaction"],
  play: async ({ canvas, step }) => {
    await canvas.findByText("$14.57", {}, { timeout: 5000 });
    await step("click Top up $20.00: the proxy creates a top-up on the emulator", async () => {
      await userEvent.click(canvas.getByRole("button", { name: "Top up $20.00" }));
      await expect(await canvas.findByRole("region", { name: "Emulator checkout" })).toBeVisible();
    });
    await step("pay on the emulator: the balance is re-fetched", async () => {
      await userEvent.click(canvas.getByRole("button", { name: "Pay" }));
      await waitFor(() => expect(canvas.getByText("$34.57")).toBeVisible(), { timeout: 5000 });
    });
  },
};

/** The billing portal session comes from the emulator too; the app's `onRedirect` gets its URL. */
export const BillingPortal: Story = {
  play: async ({ canvas }) => {
    await canvas.findByText("$14.57", {}, { timeout: 5000 });
    await userEvent.click(canvas.getByRole("button", { name: "Manage billing" }));
    await expect(await canvas.findByText("emulator.credyt.test")).toBeVisible();
  },
};
