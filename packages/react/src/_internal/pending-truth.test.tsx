import { render, screen } from "@testing-library/react";
import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CredytProvider } from "./provider";
import { pendingShown } from "./return-flow";
import { createMockClient } from "./testing/mock-client";
import { WalletBalance } from "./wallet-balance";

// Issue 23: pending money is only ever money on its way. An abandoned checkout stays in Credyt's
// `pending_in` until it expires; it must never read as pending, in any order of abandon and pay.
const usd = (available: number, pendingIn?: number) => ({
  accounts: [{ id: "default:USD", name: "default", asset: "USD", available, ...(pendingIn ? { pendingIn } : {}) }],
});

afterEach(() => vi.useRealTimers());

async function back(before: { available: number; pendingIn: number }, wallet: ReturnType<typeof usd>) {
  // The return flow and the balance's status region are on-demand chunks; with timers faked, a chunk still
  // loading under a busy machine would outlast the advances below, so both are in the module cache first.
  await Promise.all([import("./return-watch"), import("./wallet-balance-extras")]);
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  history.replaceState(null, "", "/?credyt_return=top_up");
  sessionStorage.setItem(
    "credyt:top-up",
    JSON.stringify({ asset: "USD", accountId: "default:USD", ...before, amount: 10, currency: "USD" }),
  );
  render(
    <CredytProvider client={createMockClient({ wallet })} locale="en-US">
      <WalletBalance />
    </CredytProvider>,
  );
  for (let i = 0; i < 5; i++) await act(() => vi.advanceTimersByTimeAsync(10));
}

describe("pending that is true (issue 23)", () => {
  it("abandon, then pay: once credited, the abandoned checkout does not read as pending", async () => {
    // $10 abandoned (still in pending_in), then $10 paid and credited: 17.07 → 27.07, pending_in 10.
    await back({ available: 17.07, pendingIn: 10 }, usd(27.07, 10));
    expect(screen.getByRole("status").textContent).toContain("Added $10.00");
    expect(screen.queryByText(/pending/)).toBeNull();
  });

  it("abandon, then pay, not yet credited: only what was paid reads as pending", async () => {
    await back({ available: 17.07, pendingIn: 10 }, usd(17.07, 20));
    expect(screen.getByText("$10.00 pending")).toBeTruthy();
    expect(screen.queryByText("$20.00 pending")).toBeNull();
  });

  it("the rule, case by case", () => {
    const paid = { asset: "USD", amount: 10, currency: "USD", pendingIn: 0 };
    expect(pendingShown(10, "pending", paid)).toBe(10);
    expect(pendingShown(10, "success", paid)).toBeUndefined();
    expect(pendingShown(40, "idle", undefined)).toBeUndefined();
    expect(pendingShown(20, "processing", { ...paid, pendingIn: 10 })).toBe(10);
    expect(pendingShown(20, "pending", { asset: "TOK", amount: 10, currency: "USD", pendingIn: 5 })).toBeUndefined();
    expect(pendingShown(10, "failed", paid)).toBeUndefined();
  });
});
