import { type CredytClient, createCredytClient, credytKeys } from "@credyt/core";
import { createEmulator, DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { createCredytProxy } from "@credyt/proxy";
import { act, render, screen, waitFor } from "@testing-library/react";
import { mutate, SWRConfig } from "swr";
import { describe, expect, it } from "vitest";
import { CredytProvider, useAccount } from "../src/index";

// Issue 12: after billing usage, `await mutate()` must show the charged balance, even when a focus
// revalidation that read the balance *before* the charge lands *after* the mutate. The whole chain
// runs in one process: client → proxy (Fetch handler) → emulator (Fetch handler).
const PAGE = location.origin;
const BASE = `${PAGE}/api/credyt`;

function chain() {
  const emulator = createEmulator({ admin: true });
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: "http://emulator.test",
    getCustomerId: () => DEMO_CUSTOMER_ID,
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
    returnUrl: `${PAGE}/billing`,
  });
  // A wallet read can be held: it reads the emulator at once, and answers only when released.
  let hold: Promise<void> | undefined;
  let started: (() => void) | undefined;
  const client: CredytClient = createCredytClient({
    baseUrl: BASE,
    fetch: async (input, init) => {
      const response = await proxy(new Request(input, init));
      const gate = hold;
      if (gate && String(input).endsWith("/wallet")) {
        hold = undefined;
        started?.();
        await gate;
      }
      return response;
    },
  });
  const charge = async (tokens: number) => {
    const response = await emulator.fetch(
      new Request("http://emulator.test/events", {
        method: "POST",
        headers: { "content-type": "application/json", "x-credyt-api-key": emulator.apiKey },
        body: JSON.stringify({
          customer_id: DEMO_CUSTOMER_ID,
          events: [
            {
              id: crypto.randomUUID(),
              event_type: "tokens_generated",
              occurred_at: new Date().toISOString(),
              data: { tokens },
            },
          ],
        }),
      }),
    );
    expect(response.status).toBe(201);
  };
  /** Holds the next wallet read; resolves once it has read the emulator. Call the result to release it. */
  const holdNext = () => {
    let release!: () => void;
    hold = new Promise((r) => {
      release = r;
    });
    return new Promise<() => void>((resolve) => {
      started = () => resolve(release);
    });
  };
  return { client, charge, holdNext };
}

function Tokens() {
  const { data } = useAccount("TOK");
  return <output>{data?.available}</output>;
}

describe("no stale balance after usage (client → proxy → emulator)", () => {
  it("await mutate() shows the charged balance, and a focus revalidation that started earlier does not undo it", async () => {
    const { client, charge, holdNext } = chain();
    render(
      // No throttling or deduping, so the focus event below really starts a request.
      <SWRConfig value={{ focusThrottleInterval: 0, dedupingInterval: 0 }}>
        <CredytProvider client={client} locale="en-US">
          <Tokens />
        </CredytProvider>
      </SWRConfig>,
    );
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("993450234"));

    // A focus revalidation reads the balance before the charge, and is held.
    const read = holdNext();
    act(() => {
      window.dispatchEvent(new Event("focus"));
    });
    const release = await read;

    await charge(234);
    let fresh: unknown;
    await act(async () => {
      fresh = await mutate(credytKeys.wallet(BASE)); // SWR's global mutate, as an app would call it
    });
    expect(
      (fresh as { accounts: { asset: string; available: number }[] }).accounts.find((a) => a.asset === "TOK"),
    ).toMatchObject({ available: 993450000 });
    expect(screen.getByRole("status").textContent).toBe("993450000");

    // The older read lands now, with the balance before the charge: it must be discarded.
    await act(async () => {
      release();
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(screen.getByRole("status").textContent).toBe("993450000");
  });
});
