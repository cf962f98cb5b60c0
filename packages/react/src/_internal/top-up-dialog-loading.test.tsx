import { fireEvent, render, screen } from "@testing-library/react";
import { act } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Issue 23: clicking "Top up" while the dialog's code loads gives feedback (aria-busy), and hovering or
// focusing the trigger prefetches that code. Each test imports the components afresh (vi.resetModules),
// so the dialog chunk starts unloaded.
async function fresh() {
  vi.resetModules();
  const { TopUpButton } = await import("./top-up-button");
  const { MockCredytProvider } = await import("./testing/mock-provider");
  render(
    <MockCredytProvider>
      <TopUpButton currency="USD" />
    </MockCredytProvider>,
  );
  return screen.getByRole("button", { name: "Top up" });
}

describe("the top-up dialog's code", () => {
  beforeEach(() => vi.resetModules());

  it("the trigger is aria-busy from the click until the dialog's code is in", async () => {
    const button = await fresh();
    expect(button.getAttribute("aria-busy")).toBeNull();
    act(() => {
      fireEvent.click(button);
    });
    expect(button.getAttribute("aria-busy")).toBe("true");
    expect(await screen.findByRole("dialog")).toBeTruthy();
    expect(button.getAttribute("aria-busy")).toBeNull();
  });

  it("hover and focus prefetch it: a click afterwards is never busy", async () => {
    const button = await fresh();
    await act(async () => {
      fireEvent.mouseEnter(button);
      fireEvent.focus(button);
      // The prefetched chunk resolves within a few turns of the event loop.
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 10));
    });
    act(() => {
      fireEvent.click(button);
    });
    expect(button.getAttribute("aria-busy")).toBeNull();
    expect(await screen.findByRole("dialog")).toBeTruthy();
  });
});
