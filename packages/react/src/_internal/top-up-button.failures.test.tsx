import { CredytError } from "@credyt/core";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { de } from "./messages";
import { createMockClient } from "./testing/mock-client";
import { MockCredytProvider } from "./testing/mock-provider";
import { TopUpButton } from "./top-up-button";

// What the customer reads when a top-up fails: a stuck request ends in a timeout they can retry, and
// the server's English never shows inside a translated dialog.
describe("<TopUpButton> failures, in the customer's words", () => {
  it("a top-up that never answers ends in a timeout error with the button usable again", async () => {
    const client = createMockClient();
    client.createTopUp = () => new Promise(() => {});
    render(
      <MockCredytProvider client={client} locale="en-US" timeout={50}>
        <TopUpButton amount={20} currency="USD" />
      </MockCredytProvider>,
    );
    const button = screen.getByRole("button", { name: "Top up $20.00" });
    await userEvent.click(button);
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect((await screen.findByRole("alert", {}, { timeout: 4000 })).textContent).toBe(
      "The billing server took too long to answer. Please try again.",
    );
    expect(button.dataset.state).toBe("error");
    expect(button.getAttribute("aria-disabled")).toBeNull();
    expect(button.textContent).toBe("Top up $20.00");
  });

  it("never shows the server's English inside a translated dialog", async () => {
    const cases: [string[], string][] = [
      [["must be at least 5"], "Der Mindestbetrag ist 5,00\u00a0$."],
      [["must be at most 500"], "Der Höchstbetrag ist 500,00\u00a0$."],
      [["must have at most 2 decimal places for USD"], "Höchstens 2 Nachkommastellen."],
      [["must be greater than 0"], de.amountRequired],
      [["something new the server says"], de.errorInvalid],
    ];
    for (const [amount, expected] of cases) {
      const error = new CredytError("invalid_request", "Check these fields: amount.", { details: { amount } });
      const client = createMockClient({ errors: { createTopUp: error } });
      const user = userEvent.setup();
      const page = render(
        <MockCredytProvider client={client} locale="de-DE" labels={de}>
          <TopUpButton currency="USD" defaultOpen presets={[2]} />
        </MockCredytProvider>,
      );
      await user.click(await screen.findByRole("button", { name: /2,00/ }));
      await user.click(screen.getByRole("button", { name: de.submit }));
      const message = await screen.findByRole("alert");
      expect(message.textContent).toBe(expected);
      expect(message.textContent).not.toMatch(/must/);
      page.unmount();
    }
  });
});
