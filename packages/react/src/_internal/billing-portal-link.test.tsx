import { CredytError } from "@credyt/core";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { axe } from "vitest-axe";
import { BillingPortalLink } from "./billing-portal-link";
import { CredytProvider } from "./provider";
import { createMockClient } from "./testing/mock-client";
import { MockCredytProvider } from "./testing/mock-provider";

describe("<BillingPortalLink>", () => {
  it("creates a session on click and navigates to it", async () => {
    const client = createMockClient();
    const onRedirect = vi.fn();
    const { container } = render(
      <MockCredytProvider client={client} onRedirect={onRedirect}>
        <BillingPortalLink />
      </MockCredytProvider>,
    );
    const button = screen.getByRole("button", { name: "Manage billing" });
    expect(button.dataset.state).toBe("idle");
    expect(await axe(container)).toHaveNoViolations();
    await userEvent.click(button);
    await waitFor(() =>
      expect(onRedirect).toHaveBeenCalledWith("https://portal.credyt.ai/mock/session", {
        kind: "billing_portal",
        target: undefined,
      }),
    );
  });

  it("prefetches on hover and focus, and reuses the unexpired session on click", async () => {
    const client = createMockClient();
    const onRedirect = vi.fn();
    render(
      <MockCredytProvider client={client} onRedirect={onRedirect}>
        <BillingPortalLink />
      </MockCredytProvider>,
    );
    const button = screen.getByRole("button");
    await userEvent.hover(button);
    await waitFor(() => expect(client.calls.filter((c) => c.method === "createBillingPortalSession")).toHaveLength(1));
    button.focus();
    await userEvent.click(button);
    await waitFor(() => expect(onRedirect).toHaveBeenCalledTimes(1));
    expect(client.calls.filter((c) => c.method === "createBillingPortalSession")).toHaveLength(1);
  });

  it("opens a new tab at the click, so it is not blocked as a popup", async () => {
    const client = createMockClient({ delayMs: 20 });
    const tab = { location: { href: "" }, opener: {}, close: vi.fn() };
    const open = vi.spyOn(window, "open").mockReturnValue(tab as unknown as Window);
    render(
      <CredytProvider client={client}>
        <BillingPortalLink target="_blank" />
      </CredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    expect(open).toHaveBeenCalledWith("", "_blank");
    await waitFor(() => expect(tab.location.href).toBe("https://portal.credyt.ai/mock/session"));
    expect(tab.opener).toBeNull();
  });

  it("works with `asChild` on a link; the user's onClick runs first", async () => {
    const onRedirect = vi.fn();
    const order: string[] = [];
    render(
      <MockCredytProvider
        onRedirect={() => {
          order.push("redirect");
          onRedirect();
        }}
      >
        <BillingPortalLink asChild onClick={() => order.push("user")}>
          <a href="/billing">Billing</a>
        </BillingPortalLink>
      </MockCredytProvider>,
    );
    const link = screen.getByRole("link", { name: "Billing" });
    expect(link.dataset.credyt).toBe("billing-portal-link");
    await userEvent.click(link);
    await waitFor(() => expect(onRedirect).toHaveBeenCalled());
    expect(order).toEqual(["user", "redirect"]);
  });

  it("shows the catalogue's message on error and closes the pre-opened tab", async () => {
    const client = createMockClient({
      errors: { createBillingPortalSession: new CredytError("unauthorized", "who are you") },
    });
    const tab = { location: { href: "" }, opener: {}, close: vi.fn() };
    vi.spyOn(window, "open").mockReturnValue(tab as unknown as Window);
    const { container } = render(
      <CredytProvider client={client} labels={{ errorUnauthorized: "Sign in first" }}>
        <BillingPortalLink target="_blank" />
      </CredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    expect((await screen.findByRole("alert")).textContent).toBe("Sign in first");
    expect(tab.close).toHaveBeenCalled();
    expect(screen.getByRole("button").dataset.state).toBe("error");
    expect(await axe(container)).toHaveNoViolations();
  });
});
