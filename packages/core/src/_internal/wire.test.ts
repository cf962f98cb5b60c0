import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  accountFromWire,
  accountToWire,
  portalSessionFromWire,
  portalSessionToWire,
  topUpFromWire,
  topUpInputFromWire,
  topUpInputToWire,
  topUpToWire,
  walletFromWire,
  walletToWire,
} from "./wire";

const fixtures = JSON.parse(
  readFileSync(new URL("../../../../docs/fixtures/credyt-doc-examples.json", import.meta.url), "utf8"),
);

describe("wire ↔ JS mapping", () => {
  it("maps Credyt's documented wallet both ways, amounts unchanged", () => {
    const wallet = walletFromWire(fixtures.wallet.response);
    expect(wallet.accounts[0]).toEqual({ id: "default:USD", name: "default", asset: "USD", available: 14.566678 });
    expect(wallet.accounts[1]?.available).toBe(993450234);
    expect(walletToWire(wallet)).toEqual(fixtures.wallet.response);
    expect(
      JSON.stringify(walletToWire(walletFromWire(JSON.parse(JSON.stringify(fixtures.wallet.response))))),
    ).toContain('"available":14.566678');
  });

  it("maps pending amounts to camelCase and back", () => {
    const account = accountFromWire(fixtures.account.response);
    expect(account).toEqual({
      id: "default:USD",
      name: "default",
      asset: "USD",
      available: 998.5,
      pendingIn: 0,
      pendingOut: 0,
    });
    expect(accountToWire(account)).toEqual(fixtures.account.response);
  });

  it("maps top-up requests and responses", () => {
    const input = {
      amount: 25,
      currency: "USD",
      asset: "TOK",
      accountName: "default",
      description: "Pack",
      returnUrl: "/x",
    };
    const wire = topUpInputToWire(input);
    expect(wire).toEqual({
      amount: 25,
      currency: "USD",
      asset: "TOK",
      account_name: "default",
      description: "Pack",
      return_url: "/x",
    });
    expect(topUpInputFromWire(wire)).toEqual(input);
    expect(topUpInputToWire({ amount: 5, currency: "USD" })).toEqual({ amount: 5, currency: "USD" });

    const topUp = topUpFromWire(fixtures.top_up_create.response);
    expect(topUp.redirectUrl).toBe(fixtures.top_up_create.response.redirect_url);
    expect(topUp.status).toBe("initiated");
    expect(topUpToWire(topUp)).toEqual(fixtures.top_up_create.response);
  });

  it("maps portal sessions", () => {
    const session = portalSessionFromWire(fixtures.billing_portal_session.response);
    expect(session).toEqual({
      redirectUrl: fixtures.billing_portal_session.response.redirect_url,
      expiresAt: "2025-10-18T07:23:43Z",
    });
    expect(portalSessionToWire(session)).toEqual(fixtures.billing_portal_session.response);
  });
});
