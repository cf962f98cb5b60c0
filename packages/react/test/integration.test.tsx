import { type CredytClient, createCredytClient } from "@credyt/core";
import { createEmulator, DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { createCredytProxy } from "@credyt/proxy";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { CredytProvider, TopUpButton, WalletBalance } from "../src/index";
import { stay } from "./stay";

// The whole chain in one process, through `fetch` only: the React components call
// @credyt/core's client, whose fetch is the proxy's Fetch handler, whose fetch is the emulator's.
const PAGE = location.origin; // jsdom's page origin, http://localhost:3000
const EMULATOR_PAGES = "http://localhost:4010"; // where the emulator's hosted checkout would be served

function chain() {
  const emulator = createEmulator({ admin: true, publicUrl: EMULATOR_PAGES });
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: "http://emulator.test",
    getCustomerId: () => DEMO_CUSTOMER_ID,
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
    returnUrl: `${PAGE}/billing`,
  });
  const client: CredytClient = createCredytClient({
    baseUrl: `${PAGE}/api/credyt`,
    fetch: (input, init) => proxy(new Request(input, init)),
  });
  return { emulator, client };
}

const usd = async (client: CredytClient) =>
  (await client.getWallet()).accounts.find((a) => a.asset === "USD")?.available;

describe("client → proxy → emulator", () => {
  it("reads the demo customer's wallet", async () => {
    const { client } = chain();
    const wallet = await client.getWallet();
    expect(wallet.accounts.find((a) => a.asset === "USD")?.available).toBe(14.566678);
    expect(wallet.accounts.find((a) => a.asset === "TOK")?.available).toBe(993450234);
  });

  it("completes a top-up from the button and sees the balance rise by exactly the amount", async () => {
    const { emulator, client } = chain();
    const before = await usd(client);
    const onRedirect = vi.fn(stay);

    const page = render(
      <CredytProvider client={client} locale="en-US" onRedirect={onRedirect}>
        <WalletBalance account="USD" />
        <TopUpButton amount={20} currency="USD" />
      </CredytProvider>,
    );
    expect(await screen.findByText("$14.57")).toBeTruthy();
    await userEvent.dblClick(screen.getByRole("button", { name: "Top up $20.00" }));
    await waitFor(() => expect(onRedirect).toHaveBeenCalledTimes(1));

    // One top-up for the double click; the redirect goes to the emulator's hosted checkout.
    const topUps = emulator.listTopUps();
    expect(topUps).toHaveLength(1);
    const topUp = topUps[0] as { id: string; status: string };
    expect(topUp.status).toBe("initiated");
    expect(onRedirect.mock.calls[0]?.[0]).toMatch(/^http:\/\/localhost:4010\//);

    // The admin route stands in for the customer paying on the card form.
    const paid = await emulator.fetch(
      new Request(`http://emulator.test/__emulator/top-ups/${topUp.id}/complete`, { method: "POST" }),
    );
    expect(paid.status).toBe(200);
    page.unmount();

    // The customer lands back on the return URL the proxy marked: a new page load.
    const returnUrl = (emulator.getTopUp(topUp.id) as { return_url?: string } | undefined)?.return_url;
    expect(returnUrl).toBe(`${PAGE}/billing?credyt_return=top_up`);
    history.replaceState(null, "", returnUrl);
    render(
      <CredytProvider client={client} locale="en-US">
        <WalletBalance account="USD" />
      </CredytProvider>,
    );
    expect(await screen.findByText("$34.57")).toBeTruthy();
    // The return flow's chunk takes the marker out of the URL once loaded (the balance can be there first).
    await waitFor(() => expect(location.search).toBe(""));
    const after = await usd(client);
    expect(after).toBe(34.566678);
    expect(Math.round(((after ?? 0) - (before ?? 0)) * 1e6)).toBe(20 * 1e6);
  });

  it("shows the proxy's refusal of an amount over its limit with the catalogue's message", async () => {
    const { client } = chain();
    render(
      <CredytProvider client={client} onRedirect={stay}>
        <TopUpButton amount={12.345} currency="USD" />
      </CredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "This amount cannot be used. Please check it and try again.",
    );
  });
});
