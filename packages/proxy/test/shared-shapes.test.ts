// Asset codes, account names and currencies have one definition (core's, or _internal/patterns.ts) that
// the option checks, the body checks, the upstream paths and the published contract all follow.
import { readFileSync } from "node:fs";
import { ASSET_CODE_PATTERN, isIdempotencyKey } from "@credyt/core";
import { describe, expect, it } from "vitest";
import { ACCOUNT_NAME_PATTERN, isAccountId } from "../src/_internal/patterns";
import { createCredytProxy } from "../src/index";
import { CUSTOMER } from "./fake-upstream";
import { expectError, get, setup, topUpRequest } from "./helpers";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("an asset code with '-' (core's ASSET_CODE_PATTERN)", () => {
  it("is accepted in topUps.assets and in a top-up body, and reaches Credyt unchanged", async () => {
    const { proxy, upstream } = setup({ topUps: { currencies: ["USD"], assets: ["USD", "gpu-min"] } });
    const response = await proxy(topUpRequest({ amount: 10, currency: "USD", asset: "gpu-min" }));
    expect(response.status).toBe(201);
    const call = upstream.calls.find((c) => c.path === "/top-ups");
    expect(call?.body).toMatchObject({ destination: { asset: "gpu-min" } });
  });

  it("goes into the account path encoded, one part at a time", async () => {
    const { proxy, upstream } = setup({}, (call) =>
      call.path.includes("/wallet/")
        ? json(200, { id: "default:gpu-min", name: "default", asset: "gpu-min", available: 14.566678 })
        : undefined,
    );
    const response = await proxy(get("/wallet/default:gpu-min"));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("14.566678");
    expect(upstream.calls.map((c) => c.path)).toEqual([`/customers/${CUSTOMER}/wallet/default:gpu-min`]);
  });

  it("goes into the quote's asset path encoded", async () => {
    const { proxy, upstream } = setup({ topUps: { currencies: ["USD"], assets: ["USD", "gpu-min"] } }, (call) =>
      call.path.startsWith("/assets/")
        ? json(200, { code: "gpu-min", precision: 0, rates: [{ source: "USD", rate: 0.5 }] })
        : undefined,
    );
    const response = await proxy(get("/quote?asset=gpu-min&currency=USD&amount=10"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ asset: "gpu-min", units: 20 });
    expect(upstream.calls.map((c) => c.path)).toEqual(["/assets/gpu-min"]);
  });

  it("refuses shapes outside the pattern everywhere, before anything reaches Credyt", async () => {
    expect(() => setup({ topUps: { assets: ["-gpu"] } })).toThrow(/invalid asset code "-gpu".*starting with a letter/);
    expect(() => setup({ topUps: { assets: ["gpu/min"] } })).toThrow(/invalid asset code/);
    const { proxy, upstream } = setup();
    const error = await expectError(
      await proxy(topUpRequest({ amount: 10, currency: "USD", asset: "gpu/min" })),
      422,
      "invalid_request",
    );
    expect(error.details?.asset?.[0]).toMatch(/asset code/);
    await expectError(await proxy(get("/wallet/default:gpu%2Fmin")), 422, "invalid_request");
    await expectError(await proxy(get("/wallet/default:-gpu")), 422, "invalid_request");
    expect(upstream.calls).toEqual([]);
  });

  it("isAccountId reads name:ASSET with the shared shapes", () => {
    expect(isAccountId("default:USD")).toBe(true);
    expect(isAccountId("promo-2026:gpu-min")).toBe(true);
    expect(isAccountId("default:gpu:min")).toBe(false);
    expect(isAccountId(":USD")).toBe(false);
    expect(isAccountId("default:")).toBe(false);
    expect(isAccountId("default:1TOK")).toBe(false);
    expect(isAccountId(`${"a".repeat(65)}:USD`)).toBe(false);
    expect(isAccountId(42)).toBe(false);
  });
});

describe("currencies (core's isCurrencyCode)", () => {
  it("refuses a three-letter code that is no ISO currency, in options and in bodies", async () => {
    expect(() =>
      createCredytProxy({ apiKey: "key_x", getCustomerId: () => null, topUps: { currencies: ["XYZ"] } }),
    ).toThrow(/unknown currency code "XYZ"/);
    const { proxy, upstream } = setup();
    const error = await expectError(await proxy(topUpRequest({ amount: 10, currency: "XYZ" })), 422, "invalid_request");
    expect(error.details?.currency?.[0]).toMatch(/ISO 4217/);
    const lower = await expectError(await proxy(topUpRequest({ amount: 10, currency: "usd" })), 422, "invalid_request");
    expect(lower.details?.currency?.[0]).toMatch(/ISO 4217/);
    expect(upstream.calls).toEqual([]);
  });
});

describe("the published contract", () => {
  it("states the same asset and account-name patterns as the code", () => {
    const openapi = JSON.parse(readFileSync(new URL("../../core/openapi.json", import.meta.url), "utf8"));
    const fields = openapi.components.schemas.TopUpRequest.properties;
    expect(fields.asset.pattern).toBe(ASSET_CODE_PATTERN.source);
    expect(fields.account_name.pattern).toBe(ACCOUNT_NAME_PATTERN.source);
    const header = openapi.paths["/top-ups"].post.parameters.find(
      (p: { name: string }) => p.name === "Idempotency-Key",
    );
    const key = new RegExp(header.schema.pattern);
    for (const value of ["12345678", crypto.randomUUID(), "has a space", "1234567", "k".repeat(256), "clé-12345"])
      expect(key.test(value)).toBe(isIdempotencyKey(value));
  });
});
