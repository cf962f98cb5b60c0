import { ASSET_CODE_RULE } from "@credyt/core";
import { describe, expect, it } from "vitest";
import { createEmulator, DEMO_CUSTOMER_ID, EmulatorSeedError } from "../src/index";

// The emulator takes asset codes, ISO currencies and hex from @credyt/core, as the proxy does.
describe("knowledge shared with @credyt/core", () => {
  const post = (emulator: ReturnType<typeof createEmulator>, path: string, body: unknown) =>
    emulator.fetch(
      new Request(`http://emulator.test${path}`, {
        method: "POST",
        headers: { "x-credyt-api-key": emulator.apiKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );

  it("asset codes follow core's ASSET_CODE_PATTERN in seeds and in POST /assets, '-' included", async () => {
    const seed = (code: string) => ({ assets: [{ code, name: "Minutes", precision: 0, rates: [] }] });
    expect(() => createEmulator({ seed: seed("1min") })).toThrow(EmulatorSeedError);
    expect(() => createEmulator({ seed: seed("1min") })).toThrow(`assets[0].code: Must be ${ASSET_CODE_RULE}.`);
    expect(() => createEmulator({ seed: seed("gpu-min") })).not.toThrow();

    const emulator = createEmulator();
    const bad = await post(emulator, "/assets", { code: "9x", name: "Nine", precision: 0 });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: { code: [`Must be ${ASSET_CODE_RULE}.`] } });
    const good = await post(emulator, "/assets", { code: "gpu-min", name: "GPU minutes", precision: 0 });
    expect(good.status).toBe(201);
    expect(await good.json()).toMatchObject({ code: "GPU-MIN" });
  });

  it("ISO currencies come from core's isCurrencyCode, in any case, and are refused as custom assets", async () => {
    const emulator = createEmulator();
    const topUp = (currency: string) =>
      post(emulator, "/top-ups", {
        customer_id: DEMO_CUSTOMER_ID,
        amount: 5,
        currency,
        return_url: "https://app.example/ok",
        failure_url: "https://app.example/failed",
      });
    const lower = await topUp("eur");
    expect(lower.status).toBe(201);
    expect(emulator.listTopUps()[0]).toMatchObject({ currency: "EUR", destination: { asset: "EUR" } });
    const unknown = await topUp("ABC");
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ errors: { currency: ["'ABC' is not an ISO 4217 currency."] } });
    const fiatAsset = await post(emulator, "/assets", { code: "gbp", name: "Pounds", precision: 2 });
    expect(await fiatAsset.json()).toMatchObject({ errors: { code: ["GBP is a fiat currency, not a custom asset."] } });
  });

  it("snapshots carry the token secret as lower-case hex that resumes the same emulator", async () => {
    const first = createEmulator();
    const snapshot = first.snapshot();
    expect(snapshot.secret).toMatch(/^[0-9a-f]{64}$/);
    const resumed = createEmulator({ state: snapshot });
    expect(resumed.snapshot().secret).toBe(snapshot.secret);
    const problem = await createEmulator().fetch(
      new Request("http://emulator.test/nowhere", { headers: { "x-credyt-api-key": first.apiKey } }),
    );
    expect((await problem.json()).traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  });
});
