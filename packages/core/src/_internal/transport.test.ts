import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { describe, expect, it } from "vitest";
import { createTopUp, fetchAccount, fetchWallet } from "./client";
import { CredytError } from "./errors";
import { createCredytTransport } from "./transport";

const wallet = {
  accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 14.566678, pending_in: 0, pending_out: 0 }],
};
const answer =
  (body: unknown, status = 200): typeof fetch =>
  async () =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("the client as separate calls over one transport", () => {
  it("reads the wallet and an account in camelCase, from the transport's base URL", async () => {
    const seen: string[] = [];
    const transport = createCredytTransport({
      baseUrl: "/billing/",
      fetch: async (input, init) => {
        seen.push(String(input));
        return answer(String(input).endsWith("/wallet") ? wallet : wallet.accounts[0])(input, init);
      },
    });
    expect(transport.baseUrl).toBe("/billing");
    const read = await fetchWallet(transport);
    expect(read.accounts[0]).toMatchObject({ id: "default:USD", pendingIn: 0, pendingOut: 0 });
    expect((await fetchAccount(transport, "default:USD")).asset).toBe("USD");
    expect(seen).toEqual(["/billing/wallet", "/billing/wallet/default%3AUSD"]);
  });

  it("checks a top-up's redirect against the hosts the transport reads at call time", async () => {
    let hosts = ["pay.example.com"];
    const topUp = {
      id: "tu_1",
      status: "initiated",
      redirect_url: "https://pay.example.com/checkout/1",
      created_at: "2025-10-18T07:00:00Z",
      expires_at: "2025-10-18T08:00:00Z",
    };
    const transport = createCredytTransport({ fetch: answer(topUp), allowedRedirectHosts: () => hosts });
    const created = await createTopUp(transport, { amount: 20, currency: "USD" }, { idempotencyKey: "key-12345678" });
    expect(created.redirectUrl).toBe("https://pay.example.com/checkout/1");
    hosts = ["elsewhere.example.com"];
    const refused = await createTopUp(
      transport,
      { amount: 20, currency: "USD" },
      { idempotencyKey: "key-12345679" },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredytError);
    expect((refused as CredytError).code).toBe("invalid_response");
    expect((refused as CredytError).details).toHaveProperty("redirect_url");
  });

  it("lets a bundler drop what a balance-only page does not call (no top-up, portal or redirect code)", {
    timeout: 60_000,
  }, async () => {
    const index = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "index.ts");
    const dir = mkdtempSync(path.join(tmpdir(), "credyt-core-shake-"));
    const entry = path.join(dir, "entry.js");
    const build1 = async (names: string) => {
      writeFileSync(entry, `export { ${names} } from ${JSON.stringify(index)};`);
      const out = (await build({
        logLevel: "silent",
        configFile: false,
        build: { write: false, minify: false, lib: { entry, formats: ["es"], fileName: "out" } },
      })) as { output: { code?: string }[] }[] | { output: { code?: string }[] };
      const first = Array.isArray(out) ? out[0] : out;
      return first?.output[0]?.code ?? "";
    };
    const headless = await build1("createCredytTransport, fetchWallet");
    expect(headless).toContain("/wallet");
    expect(headless).not.toContain("/top-ups");
    expect(headless).not.toContain("/billing-portal/sessions");
    expect(headless).not.toContain("function checkRedirectUrl");
    // The whole client object keeps every call (the contrast that shows the check above can fail).
    const whole = await build1("createCredytClient");
    expect(whole).toContain("/top-ups");
    expect(whole).toContain("function checkRedirectUrl");
  });
});
