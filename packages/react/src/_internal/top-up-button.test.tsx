import { CredytError } from "@credyt/core";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef, type ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { axe } from "vitest-axe";
import { createMockClient } from "./testing/mock-client";
import { MockCredytProvider } from "./testing/mock-provider";
import { TopUpButton } from "./top-up-button";

describe("<TopUpButton> with a fixed amount", () => {
  it("creates a top-up and redirects to checkout", async () => {
    const client = createMockClient();
    const onRedirect = vi.fn();
    const { container } = render(
      <MockCredytProvider client={client} onRedirect={onRedirect} locale="en-US">
        <TopUpButton amount={20} currency="USD" description="Credits" />
      </MockCredytProvider>,
    );
    const button = screen.getByRole("button", { name: "Top up $20.00" });
    expect(button.dataset.state).toBe("idle");
    expect(await axe(container)).toHaveNoViolations();
    await userEvent.click(button);
    await waitFor(() =>
      expect(onRedirect).toHaveBeenCalledWith("https://checkout.credyt.ai/mock/top-up?id=tu_mock_1", {
        kind: "top_up",
        target: undefined,
      }),
    );
    const call = client.calls.find((c) => c.method === "createTopUp");
    expect(call?.input).toEqual({ amount: 20, currency: "USD", description: "Credits" });
    expect(call?.idempotencyKey?.length).toBeGreaterThanOrEqual(8);
    await waitFor(() => expect(button.dataset.state).toBe("success"));
  });

  it("sends one POST for a double click", async () => {
    const client = createMockClient({ delayMs: 50 });
    render(
      <MockCredytProvider client={client}>
        <TopUpButton amount={20} currency="USD" />
      </MockCredytProvider>,
    );
    const button = screen.getByRole("button");
    await userEvent.dblClick(button);
    expect(button.dataset.state).toBe("pending");
    expect(button.getAttribute("aria-busy")).toBe("true");
    expect(button.textContent).toBe("Redirecting…");
    expect(await axe(document.body)).toHaveNoViolations();
    await waitFor(() => expect(button.dataset.state).toBe("success"));
    expect(client.calls.filter((c) => c.method === "createTopUp")).toHaveLength(1);
  });

  it("reuses the idempotency key when the same purchase is retried after an error", async () => {
    const client = createMockClient({ errors: { createTopUp: new CredytError("network_error", "offline") } });
    const { container } = render(
      <MockCredytProvider client={client}>
        <TopUpButton amount={20} currency="USD" />
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Could not reach the billing server. Check your connection and try again.");
    expect(screen.getByRole("button").dataset.state).toBe("error");
    expect(await axe(container)).toHaveNoViolations();
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(client.calls.filter((c) => c.method === "createTopUp")).toHaveLength(2));
    const [first, second] = client.calls.filter((c) => c.method === "createTopUp");
    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
  });

  it("refuses a redirect to a foreign host and says so", async () => {
    const client = createMockClient({ checkoutUrl: "https://evil.example/pay" });
    const onRedirect = vi.fn();
    render(
      <MockCredytProvider client={client} onRedirect={onRedirect}>
        <TopUpButton amount={20} currency="USD" />
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The payment page address was refused for your safety.",
    );
    expect(onRedirect).not.toHaveBeenCalled();
  });

  it("runs the user's onClick first; preventDefault cancels the top-up", async () => {
    const client = createMockClient();
    render(
      <MockCredytProvider client={client}>
        <TopUpButton amount={20} currency="USD" onClick={(e) => e.preventDefault()} />
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    expect(client.calls).toHaveLength(0);
  });

  it("merges into a child element with `asChild` and forwards its ref", async () => {
    const ref = createRef<HTMLButtonElement>();
    const onRedirect = vi.fn();
    render(
      <MockCredytProvider onRedirect={onRedirect}>
        <TopUpButton amount={5} currency="USD" asChild ref={ref} className="cta">
          <button type="button">Buy credits</button>
        </TopUpButton>
      </MockCredytProvider>,
    );
    const button = screen.getByRole("button", { name: "Buy credits" });
    expect(button).toBe(ref.current);
    expect(button.dataset.credyt).toBe("top-up-button");
    expect(button.className).toBe("cta");
    await userEvent.click(button);
    await waitFor(() => expect(onRedirect).toHaveBeenCalled());
  });
});

describe("<TopUpButton> without an amount (dialog)", () => {
  it("does not load the dialog until it is opened", () => {
    render(
      <MockCredytProvider>
        <TopUpButton currency="USD" />
      </MockCredytProvider>,
    );
    expect(document.querySelector('[data-credyt="top-up-dialog"]')).toBeNull();
    expect(screen.getByRole("button").getAttribute("aria-expanded")).toBe("false");
  });

  it("opens, offers presets, validates like the proxy and is usable by keyboard alone", async () => {
    const client = createMockClient();
    const onRedirect = vi.fn();
    const user = userEvent.setup();
    render(
      <MockCredytProvider client={client} onRedirect={onRedirect} locale="en-US">
        <TopUpButton currency="USD" presets={[10, 25]} min={5} max={500} />
      </MockCredytProvider>,
    );
    screen.getByRole("button", { name: "Top up" }).focus();
    await user.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Top up your balance" });
    expect(await axe(dialog)).toHaveNoViolations();
    const input = screen.getByLabelText("Custom amount (USD)");

    await user.type(input, "2");
    await user.keyboard("{Enter}");
    expect(screen.getByText("The minimum is $5.00.")).toBeTruthy();
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(await axe(dialog)).toHaveNoViolations();

    await user.clear(input);
    await user.type(input, "1000");
    await user.keyboard("{Enter}");
    expect(screen.getByText("The maximum is $500.00.")).toBeTruthy();

    await user.clear(input);
    await user.type(input, "12.345");
    await user.keyboard("{Enter}");
    expect(screen.getByText("Use at most 2 decimal places.")).toBeTruthy();

    await user.clear(input);
    await user.type(input, "abc");
    await user.keyboard("{Enter}");
    expect(screen.getByText("Enter an amount greater than zero.")).toBeTruthy();
    expect(client.calls).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "$25.00" }));
    expect(screen.getByRole("button", { name: "$25.00" }).getAttribute("aria-pressed")).toBe("true");
    await user.click(screen.getByRole("button", { name: "Continue to payment" }));
    await waitFor(() => expect(onRedirect).toHaveBeenCalled());
    expect(client.calls.find((c) => c.method === "createTopUp")?.input).toMatchObject({ amount: 25, currency: "USD" });
  });

  it("accepts a comma as the decimal separator", async () => {
    const client = createMockClient();
    const user = userEvent.setup();
    render(
      <MockCredytProvider client={client} locale="de-DE">
        <TopUpButton currency="EUR" defaultOpen />
      </MockCredytProvider>,
    );
    await user.type(await screen.findByLabelText("Custom amount (EUR)"), "12,50");
    await user.click(screen.getByRole("button", { name: "Continue to payment" }));
    await waitFor(() =>
      expect(client.calls.find((c) => c.method === "createTopUp")?.input).toMatchObject({ amount: 12.5 }),
    );
  });

  it("returns focus to the button when closed with Escape", async () => {
    const user = userEvent.setup();
    render(
      <MockCredytProvider>
        <TopUpButton currency="USD" />
      </MockCredytProvider>,
    );
    const button = screen.getByRole("button", { name: "Top up" });
    await user.click(button);
    await screen.findByRole("dialog");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(document.activeElement).toBe(button);
  });

  it("is controllable with `open` and `onOpenChange`", async () => {
    const onOpenChange = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(
      <MockCredytProvider>
        <TopUpButton currency="USD" open={false} onOpenChange={onOpenChange} />
      </MockCredytProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Top up" }));
    expect(onOpenChange).toHaveBeenCalledWith(true);
    expect(screen.queryByRole("dialog")).toBeNull();
    rerender(
      <MockCredytProvider>
        <TopUpButton currency="USD" open onOpenChange={onOpenChange} />
      </MockCredytProvider>,
    );
    expect(await screen.findByRole("dialog")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
  });

  it("shows the catalogue's message inside the dialog on error", async () => {
    const client = createMockClient({ errors: { createTopUp: new CredytError("rate_limited", "slow down") } });
    const user = userEvent.setup();
    render(
      <MockCredytProvider client={client} labels={{ submit: "Pay" }}>
        <TopUpButton currency="USD" defaultOpen presets={[10]} />
      </MockCredytProvider>,
    );
    await user.click(await screen.findByRole("button", { name: /10/ }));
    await user.click(screen.getByRole("button", { name: "Pay" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Too many attempts. Please wait a moment and try again.",
    );
    expect(await axe(screen.getByRole("dialog"))).toHaveNoViolations();
  });
});

describe("<TopUpButton> and the protocol's error table", () => {
  it("rate_limited: says how many seconds to wait, from Retry-After", async () => {
    const error = new CredytError("rate_limited", "Too many requests.", { retryAfter: 30 });
    const client = createMockClient({ errors: { createTopUp: error } });
    render(
      <MockCredytProvider client={client}>
        <TopUpButton amount={20} currency="USD" />
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    expect((await screen.findByRole("alert")).textContent).toBe("Too many attempts, try again in 30 s.");
  });

  it("invalid_request with details: our words for the server's rule go under the amount field; the dialog stays open", async () => {
    const error = new CredytError("invalid_request", "Amount must be at least 5.", {
      details: { amount: ["must be at least 5"] },
    });
    const client = createMockClient({ errors: { createTopUp: error } });
    const user = userEvent.setup();
    render(
      <MockCredytProvider client={client} locale="en-US">
        <TopUpButton currency="USD" defaultOpen presets={[2]} />
      </MockCredytProvider>,
    );
    await user.click(await screen.findByRole("button", { name: "$2.00" }));
    await user.click(screen.getByRole("button", { name: "Continue to payment" }));
    const message = await screen.findByText("The minimum is $5.00.");
    expect(message.dataset.credyt).toBe("top-up-field-error");
    expect(message.getAttribute("role")).toBe("alert");
    const input = screen.getByLabelText("Custom amount (USD)");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe(message.id);
    expect(document.activeElement).toBe(input);
    expect(screen.getByRole("dialog")).toBeTruthy();
    expect(document.querySelector('[data-credyt="top-up-error"]')).toBeNull();
    expect(await axe(screen.getByRole("dialog"))).toHaveNoViolations();
    await user.type(input, "0");
    expect(screen.queryByText("The minimum is $5.00.")).toBeNull();
    expect(input.getAttribute("aria-invalid")).toBeNull();
  });

  it("idempotency_conflict: the next attempt uses a new idempotency key", async () => {
    const client = createMockClient();
    const create = client.createTopUp;
    let conflict = true;
    client.createTopUp = (input, options) => {
      if (!conflict) return create(input, options);
      client.calls.push({ method: "createTopUp", input, idempotencyKey: options.idempotencyKey });
      return Promise.reject(new CredytError("idempotency_conflict", "Key reused with another body."));
    };
    const onRedirect = vi.fn();
    render(
      <MockCredytProvider client={client} onRedirect={onRedirect}>
        <TopUpButton amount={20} currency="USD" />
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    await screen.findByRole("alert");
    conflict = false;
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(onRedirect).toHaveBeenCalled());
    const [first, second] = client.calls.filter((c) => c.method === "createTopUp");
    expect(first?.idempotencyKey).toBeDefined();
    expect(second?.idempotencyKey).toBeDefined();
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
  });
});

describe("every rendered element is a named part", () => {
  it("puts data-credyt on each element of the button and the open dialog", async () => {
    render(
      <MockCredytProvider>
        <TopUpButton currency="USD" defaultOpen min={5} />
      </MockCredytProvider>,
    );
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(screen.getByRole("textbox"), "1{Enter}");
    const elements = [...document.body.querySelectorAll("*")].filter((el) => el.closest("[data-credyt]"));
    expect(elements.length).toBeGreaterThan(15);
    for (const el of elements) expect(el.getAttribute("data-credyt"), el.outerHTML.slice(0, 80)).toMatch(/^[a-z-]+$/);
    expect(dialog.dataset.credyt).toBe("top-up-dialog");
  });
});

describe("<TopUpButton> misuse", () => {
  it("throws fix-it errors for a bad currency, a bad amount, or no provider", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const Untyped = TopUpButton as unknown as (props: Record<string, unknown>) => ReactNode;
    expect(() =>
      render(
        <MockCredytProvider>
          <Untyped amount={5} currency="" />
        </MockCredytProvider>,
      ),
    ).toThrow('`TopUpButton`: `currency` must be a currency code such as "USD", or left out.');
    expect(() =>
      render(
        <MockCredytProvider>
          <TopUpButton amount={-5} currency="USD" />
        </MockCredytProvider>,
      ),
    ).toThrow("`TopUpButton`: `amount` must be a positive number, got -5.");
    expect(() => render(<TopUpButton currency="USD" />)).toThrow("`TopUpButton` must be used within `CredytProvider`.");
  });
});
