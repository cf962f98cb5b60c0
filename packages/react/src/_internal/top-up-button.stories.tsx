import { CredytError, type TopUp } from "@credyt/core";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, screen, userEvent, waitFor } from "storybook/test";
import { createMockClient, type MockCredytClient } from "./testing/mock-client";
import { TopUpButton } from "./top-up-button";

/**
 * A mock whose top-ups wait until `release()` (or forever), so the pending state can be seen and
 * clicked however slow the machine is.
 */
function gatedTopUps(): MockCredytClient & { release: () => void } {
  const client = createMockClient({ scenario: "ready" });
  const createTopUp = client.createTopUp;
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return Object.assign(client, {
    release: () => open(),
    createTopUp: async (...args: Parameters<MockCredytClient["createTopUp"]>): Promise<TopUp> => {
      const answer = createTopUp(...args); // recorded in `calls` now, answered after the gate
      await gate;
      return answer;
    },
  });
}

const topUpCalls = (client: MockCredytClient) => client.calls.filter((call) => call.method === "createTopUp");

const meta = {
  title: "Components/TopUpButton",
  component: TopUpButton,
  parameters: { credyt: { scenario: "ready" } },
  args: { currency: "USD" },
  argTypes: {
    amount: { control: "number" },
    currency: { control: "text" },
    presets: { control: "object" },
    min: { control: "number" },
    max: { control: "number" },
    asChild: { control: false },
  },
} satisfies Meta<typeof TopUpButton>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Open dialogs are modal: in the docs page they render in their own frame, not over the page. */
const framed = { docs: { story: { inline: false, height: "480px" } } };

/** Without `amount`: opens a dialog to choose one. */
export const Default: Story = {
  play: async ({ canvas }) => {
    const button = canvas.getByRole("button", { name: "Top up" });
    await expect(button).toHaveAttribute("aria-haspopup", "dialog");
    await expect(button).toHaveAttribute("data-state", "idle");
  },
};

/** With `amount`: one click goes straight to checkout. */
export const FixedAmount: Story = {
  args: { amount: 20 },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("button", { name: "Top up $20.00" })).toBeVisible();
  },
};

/** The dialog, open: presets, a custom amount, cancel and continue. */
export const DialogOpen: Story = {
  args: { defaultOpen: true, min: 5, max: 500 },
  parameters: framed,
  play: async () => {
    const dialog = await screen.findByRole("dialog", { name: "Top up your balance" });
    await expect(dialog).toBeVisible();
    await expect(screen.getByRole("button", { name: "$25.00" })).toHaveAttribute("aria-pressed", "false");
  },
};

/** A typed amount under `min`: the message sits under the field, linked with `aria-describedby`. */
export const DialogValidationError: Story = {
  name: "Dialog with a validation error",
  args: { defaultOpen: true, min: 5, max: 500 },
  parameters: framed,
  play: async () => {
    const input = await screen.findByLabelText("Custom amount (USD)");
    // Radix Dialog turns pointer events off outside its layer until the layer is mounted: wait for it.
    await waitFor(() => expect(getComputedStyle(input).pointerEvents).not.toBe("none"));
    await userEvent.type(input, "2");
    await userEvent.click(screen.getByRole("button", { name: "Continue to payment" }));
    await expect(await screen.findByText("The minimum is $5.00.")).toBeVisible();
    await expect(input).toHaveAttribute("aria-invalid", "true");
    await expect(input).toHaveAccessibleDescription("The minimum is $5.00.");
    await expect(input).toHaveFocus();
  },
};

/** Creating the checkout: "Redirecting…", `aria-busy`, further clicks ignored. */
export const TopUpPending: Story = {
  name: "Top-up pending",
  args: { amount: 20 },
  loaders: [() => ({ client: gatedTopUps() })],
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Top up $20.00" }));
    const button = await canvas.findByRole("button", { name: "Redirecting…" });
    await expect(button).toHaveAttribute("aria-busy", "true");
    await expect(button).toHaveAttribute("data-state", "pending");
  },
};

/** Submitted from the dialog, waiting for the checkout session. */
export const DialogPending: Story = {
  name: "Dialog pending",
  args: { defaultOpen: true },
  parameters: framed,
  loaders: [() => ({ client: gatedTopUps() })],
  play: async () => {
    await userEvent.click(await screen.findByRole("button", { name: "$25.00" }));
    await userEvent.click(screen.getByRole("button", { name: "Continue to payment" }));
    await expect(await screen.findByRole("button", { name: "Redirecting…" })).toHaveAttribute("aria-busy", "true");
  },
};

/** The proxy refused (rate limited): the catalogue's message, announced, next to the button. */
export const TopUpError: Story = {
  name: "Top-up failed",
  args: { amount: 20 },
  parameters: {
    credyt: {
      scenario: "ready",
      errors: { createTopUp: new CredytError("rate_limited", "Too many top-ups.") },
    },
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Top up $20.00" }));
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Too many attempts");
    await expect(canvas.getByRole("button", { name: "Top up $20.00" })).toHaveAttribute("data-state", "error");
  },
};

/** The error inside the dialog, with the chosen amount kept for another try. */
export const DialogError: Story = {
  name: "Dialog with a server error",
  args: { defaultOpen: true },
  parameters: {
    ...framed,
    credyt: {
      scenario: "ready",
      errors: { createTopUp: new CredytError("network_error", "offline") },
    },
  },
  play: async () => {
    await userEvent.click(await screen.findByRole("button", { name: "$50.00" }));
    await userEvent.click(screen.getByRole("button", { name: "Continue to payment" }));
    await expect(await screen.findByRole("alert")).toHaveTextContent("Could not reach the billing server");
    await expect(screen.getByRole("button", { name: "$50.00" })).toHaveAttribute("aria-pressed", "true");
  },
};

/** Double click guard: two fast clicks (and a third while pending) create one top-up. */
export const DoubleClickGuard: Story = {
  name: "Double-click guard (interaction)",
  tags: ["interaction"],
  args: { amount: 20 },
  loaders: [() => ({ client: gatedTopUps(), onRedirect: fn() })],
  play: async ({ canvas, loaded, step }) => {
    const client = loaded.client as ReturnType<typeof gatedTopUps>;
    const button = canvas.getByRole("button", { name: "Top up $20.00" });
    await step("double click, then click again while pending", async () => {
      await userEvent.dblClick(button);
      await userEvent.click(await canvas.findByRole("button", { name: "Redirecting…" }));
    });
    // The purchase code is a lazy chunk: the POST follows once it has loaded (at once in dev, a moment later
    // from a static build), so wait for it; the gate keeps it pending, and no second POST may follow.
    await waitFor(() => expect(topUpCalls(client)).toHaveLength(1));
    await step("the checkout session arrives: one redirect", async () => {
      client.release();
      await waitFor(() => expect(loaded.onRedirect).toHaveBeenCalledTimes(1));
    });
    await expect(topUpCalls(client)).toHaveLength(1);
    await expect(loaded.onRedirect).toHaveBeenCalledWith("https://checkout.credyt.ai/mock/top-up?id=tu_mock_1", {
      kind: "top_up",
      target: undefined,
    });
    await step(
      "the redirect was prevented (the mock provider stays on the page): the button is ready again",
      async () => {
        await expect(await canvas.findByRole("button", { name: "Top up $20.00" })).toBeEnabled();
      },
    );
  },
};

/** The same purchase retried after a failure reuses its idempotency key: no second charge. */
export const RetrySameIntent: Story = {
  name: "Retry keeps the idempotency key (interaction)",
  tags: ["interaction"],
  args: { amount: 20 },
  loaders: () => {
    const client = createMockClient({ scenario: "ready" });
    const createTopUp = client.createTopUp;
    let first = true;
    return {
      onRedirect: fn(),
      client: Object.assign(client, {
        createTopUp: (...args: Parameters<MockCredytClient["createTopUp"]>) => {
          if (!first) return createTopUp(...args);
          first = false;
          client.calls.push({ method: "createTopUp", input: args[0], idempotencyKey: args[1].idempotencyKey });
          return Promise.reject(new CredytError("network_error", "offline"));
        },
      }),
    };
  },
  play: async ({ canvas, loaded }) => {
    const client = loaded.client as MockCredytClient;
    const button = canvas.getByRole("button", { name: "Top up $20.00" });
    await userEvent.click(button);
    await expect(await canvas.findByRole("alert")).toBeVisible();
    await userEvent.click(button);
    await waitFor(() => expect(loaded.onRedirect).toHaveBeenCalledTimes(1));
    const [first, second] = topUpCalls(client);
    await expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
  },
};

/** Keyboard only: Enter opens, focus moves into the dialog, Tab stays inside, Escape closes and returns focus. */
export const DialogKeyboard: Story = {
  name: "Dialog with the keyboard (interaction)",
  tags: ["interaction"],
  loaders: [() => ({ onRedirect: fn() })],
  play: async ({ canvas, loaded, step }) => {
    const trigger = canvas.getByRole("button", { name: "Top up" });
    await step("Tab to the button, Enter opens the dialog", async () => {
      await userEvent.tab();
      await expect(trigger).toHaveFocus();
      await userEvent.keyboard("{Enter}");
      const dialog = await screen.findByRole("dialog");
      await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
      await expect(trigger).toHaveAttribute("aria-expanded", "true");
    });
    await step("Tab cycles inside the dialog", async () => {
      const dialog = screen.getByRole("dialog");
      for (let i = 0; i < 8; i++) {
        await userEvent.tab();
        await expect(dialog.contains(document.activeElement)).toBe(true);
      }
    });
    await step("Escape closes it and focus returns to the button", async () => {
      await userEvent.keyboard("{Escape}");
      await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
      await expect(trigger).toHaveFocus();
      await expect(trigger).toHaveAttribute("aria-expanded", "false");
    });
    await step("type an amount and submit with Enter", async () => {
      await userEvent.keyboard("{Enter}");
      const input = await screen.findByLabelText("Custom amount (USD)");
      // Radix Dialog turns pointer events off outside its layer until the layer is mounted: wait for it.
      await waitFor(() => expect(getComputedStyle(input).pointerEvents).not.toBe("none"));
      await userEvent.click(input);
      await userEvent.type(input, "12.50{Enter}");
      await waitFor(() => expect(loaded.onRedirect).toHaveBeenCalledTimes(1));
    });
  },
};

/** Pick a preset and continue: one top-up for that amount, then the redirect. */
export const ChoosePreset: Story = {
  name: "Choose a preset (interaction)",
  tags: ["interaction"],
  loaders: [() => ({ client: createMockClient({ scenario: "ready" }), onRedirect: fn() })],
  play: async ({ canvas, loaded }) => {
    const client = loaded.client as MockCredytClient;
    await userEvent.click(canvas.getByRole("button", { name: "Top up" }));
    const preset = await screen.findByRole("button", { name: "$25.00" });
    await userEvent.click(preset);
    await expect(preset).toHaveAttribute("aria-pressed", "true");
    await userEvent.click(screen.getByRole("button", { name: "Continue to payment" }));
    await waitFor(() => expect(loaded.onRedirect).toHaveBeenCalledTimes(1));
    await expect(topUpCalls(client)[0]?.input).toMatchObject({ amount: 25, currency: "USD" });
  },
};

/** Controlled: your state owns `open`; `onOpenChange` reports the dialog's requests. */
export const Controlled: Story = {
  render: function Render(args) {
    const [open, setOpen] = useState(false);
    return (
      <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
        <TopUpButton {...args} open={open} onOpenChange={setOpen} />
        <span>Dialog is {open ? "open" : "closed"}</span>
      </div>
    );
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Top up" }));
    await screen.findByRole("dialog");
    await expect(canvas.getByText("Dialog is open")).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await expect(await canvas.findByText("Dialog is closed")).toBeVisible();
  },
};
