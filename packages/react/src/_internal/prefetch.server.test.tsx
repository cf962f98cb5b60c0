// Server-side prefetch: what `createCredytApi` answers goes straight into `<CredytProvider initialWallet>`,
// with no mapping by hand, and renders the exact balance in the server HTML.
import type { Account, Wallet } from "@credyt/core";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { type CredytApi, createCredytApi } from "@credyt/proxy";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { CredytProvider, type CredytProviderProps } from "./provider";
import { WalletBalance } from "./wallet-balance";

type FallbackWallet = CredytProviderProps["initialWallet"];

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await emulator.close();
});

describe("createCredytApi → initialWallet", () => {
  it("speaks the provider's types", () => {
    expectTypeOf<Awaited<ReturnType<CredytApi["getWallet"]>>>().toEqualTypeOf<Wallet>();
    expectTypeOf<Awaited<ReturnType<CredytApi["getWallet"]>>>().toExtend<NonNullable<FallbackWallet>>();
    expectTypeOf<Awaited<ReturnType<CredytApi["getAccount"]>>>().toEqualTypeOf<Account>();
  });

  it("renders the prefetched wallet, exact, in the server HTML", async () => {
    const api = createCredytApi({ apiKey: emulator.apiKey, apiUrl: emulator.url });
    const wallet = await api.getWallet(DEMO_CUSTOMER_ID);
    expect(wallet.accounts.find((a) => a.asset === "USD")).toMatchObject({ available: 14.566678, pendingIn: 0 });
    expect(wallet.accounts.find((a) => a.asset === "TOK")?.available).toBe(993450234);
    const html = renderToString(
      <CredytProvider baseUrl="https://app.example/api/credyt" locale="en-US" initialWallet={wallet}>
        <WalletBalance account="USD" />
        <WalletBalance account="TOK" />
      </CredytProvider>,
    );
    expect(html).toMatch(/data-credyt="balance"[^>]*data-state="ready"/);
    expect(html).toContain("$14.57");
    expect(html).toContain("993,450,234");
    expect(html).not.toContain("Loading balance");
  });
});
