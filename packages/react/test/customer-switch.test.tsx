import { createEmulator, DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "@credyt/emulator";
import { createCredytProxy } from "@credyt/proxy";
import { act, render, screen, waitFor } from "@testing-library/react";
import { useLayoutEffect } from "react";
import { mutate } from "swr";
import { describe, expect, it } from "vitest";
import { CredytProvider, credytKeys, useAccount } from "../src/index";

// Issue 23: a balance on screen is never another customer's, not for one frame. Bob (the demo
// customer, $14.57) signs out, Carol (the second customer, $50.00) signs in: client → proxy → emulator
// in one process, SWR's global cache shared by the providers (the default `cache="shared"`).
const PAGE = location.origin;
const BASE = `${PAGE}/api/credyt`;
const BOB = "14.566678";
const CAROL = "50";

function chain() {
  const emulator = createEmulator();
  const session = { customer: DEMO_CUSTOMER_ID as string | null };
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: "http://emulator.test",
    getCustomerId: () => session.customer,
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => proxy(new Request(input, init));
  return { session, fetch: fetch as typeof globalThis.fetch };
}

/** Every amount committed to the screen, in order (a layout effect runs before the browser paints). */
function Amount({ frames }: { frames: string[] }) {
  const { data } = useAccount("USD");
  const text = data === undefined ? "" : String(data.available);
  useLayoutEffect(() => {
    frames.push(text);
  });
  return <output>{text}</output>;
}

describe("no other customer's balance, ever (issue 23)", () => {
  for (const withCustomer of [false, true]) {
    it(`a provider mounted again for another customer starts empty (${withCustomer ? "with" : "without"} the customer prop)`, async () => {
      const { session, fetch } = chain();
      const frames: string[] = [];
      const who = (id: string) => (withCustomer ? { customer: id } : {});
      const first = render(
        <CredytProvider baseUrl={BASE} fetch={fetch} {...who("bob")}>
          <Amount frames={frames} />
        </CredytProvider>,
      );
      await waitFor(() => expect(screen.getByRole("status").textContent).toBe(BOB));
      // Sign-out unmounts the provider; Bob's wallet stays in SWR's global cache.
      first.unmount();
      session.customer = SECOND_CUSTOMER_ID;
      const seenBefore = frames.length;
      render(
        <CredytProvider baseUrl={BASE} fetch={fetch} {...who("carol")}>
          <Amount frames={frames} />
        </CredytProvider>,
      );
      await waitFor(() => expect(screen.getByRole("status").textContent).toBe(CAROL));
      const after = frames.slice(seenBefore);
      expect(after[0]).toBe("");
      expect(after).not.toContain(BOB);
    });
  }

  it("with the customer prop, a switch while mounted never shows the previous amount", async () => {
    const { session, fetch } = chain();
    const frames: string[] = [];
    const view = (customer: string) => (
      <CredytProvider baseUrl={BASE} fetch={fetch} customer={customer}>
        <Amount frames={frames} />
      </CredytProvider>
    );
    const { rerender } = render(view("bob"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(BOB));
    session.customer = SECOND_CUSTOMER_ID;
    const seenBefore = frames.length;
    rerender(view("carol"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(CAROL));
    expect(frames.slice(seenBefore)).not.toContain(BOB);
  });

  it("with neither signal, the first answer for the new customer drops everything cached for the last", async () => {
    const { session, fetch } = chain();
    const frames: string[] = [];
    render(
      <CredytProvider baseUrl={BASE} fetch={fetch}>
        <Amount frames={frames} />
      </CredytProvider>,
    );
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(BOB));
    // Another Credyt entry of the last customer, read by nothing mounted.
    await act(async () => {
      await mutate(credytKeys.usageSummary(BASE, "UTC"), { secret: "bob's" }, { revalidate: false });
    });
    session.customer = SECOND_CUSTOMER_ID;
    const seenBefore = frames.length;
    await act(async () => {
      await mutate(credytKeys.wallet(BASE));
    });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(CAROL));
    expect(frames.slice(seenBefore).filter((f) => f !== "" && f !== BOB)).toEqual([CAROL]);
    expect(frames.at(-1)).toBe(CAROL);
    // The customer reference changed with that answer: Bob's other entries are gone.
    const left = await mutate(credytKeys.usageSummary(BASE, "UTC"), (current: unknown) => current, {
      revalidate: false,
    });
    expect(left).toBeUndefined();
  });
});
