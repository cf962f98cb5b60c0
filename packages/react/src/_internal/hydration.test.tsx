import { act } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { CredytProvider } from "./provider";
import { fixtures } from "./testing/fixtures";
import { createMockClient } from "./testing/mock-client";
import { TopUpButton } from "./top-up-button";
import { WalletBalance } from "./wallet-balance";

describe("hydration", () => {
  it("hydrates server-prefetched balances with no warning and no loading flash", async () => {
    const app = (
      <CredytProvider
        client={createMockClient({ scenario: "ready" })}
        locale="en-US"
        initialWallet={fixtures.ready.wallet}
      >
        <WalletBalance account="USD" />
        <WalletBalance showAll />
        <TopUpButton currency="USD" />
      </CredytProvider>
    );
    const container = document.createElement("div");
    container.innerHTML = renderToString(app);
    document.body.append(container);
    expect(container.textContent).toContain("$14.57");
    const error = vi.spyOn(console, "error");
    const recoverable = vi.fn();
    let root: ReturnType<typeof hydrateRoot> | undefined;
    await act(async () => {
      root = hydrateRoot(container, app, { onRecoverableError: recoverable });
    });
    expect(container.querySelector('[data-state="loading"]')).toBeNull();
    expect(container.textContent).toContain("$14.57");
    expect(error).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
    // Unmounted, or its provider and hooks would stay subscribed to SWR's global cache for the files that follow.
    act(() => root?.unmount());
    container.remove();
  });
});
