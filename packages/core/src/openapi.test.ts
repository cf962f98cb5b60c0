import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "./errors";

const openapi = JSON.parse(readFileSync(new URL("../openapi.json", import.meta.url), "utf8"));
const protocol = readFileSync(new URL("../../../docs/protocol.md", import.meta.url), "utf8");
const wireCodes = Object.entries(ERROR_STATUS).filter(([, status]) => status !== 0);

describe("the published contract agrees with the code", () => {
  it("is OpenAPI 3.1 with exactly the protocol's routes", () => {
    expect(openapi.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.paths).sort()).toEqual(
      ["/billing-portal/sessions", "/top-ups", "/wallet", "/wallet/{accountId}"].sort(),
    );
  });

  it("lists every wire error code with its status, in the schema and in the prose", () => {
    expect(openapi["x-error-status"]).toEqual(Object.fromEntries(wireCodes));
    expect(openapi.components.schemas.ErrorCode.enum.sort()).toEqual(wireCodes.map(([code]) => code).sort());
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(protocol).toMatch(new RegExp(`\\| \`${code}\` +\\|${status === 0 ? "" : ` ${status} +\\|`}`));
    }
  });

  it("every response declares Cache-Control: no-store", () => {
    for (const path of Object.values<
      Record<string, { responses: Record<string, { $ref?: string; headers?: object }> }>
    >(openapi.paths)) {
      for (const operation of Object.values(path)) {
        for (const response of Object.values(operation.responses)) {
          const resolved = response.$ref
            ? openapi.components.responses[response.$ref.split("/").pop() as string]
            : response;
          expect(resolved.headers).toHaveProperty("Cache-Control");
        }
      }
    }
  });

  it("never lets the browser send a customer id or an exchange rate", () => {
    const { TopUpRequest, PortalSessionRequest } = openapi.components.schemas;
    expect(TopUpRequest.additionalProperties).toBe(false);
    expect(PortalSessionRequest.additionalProperties).toBe(false);
    expect(Object.keys(TopUpRequest.properties)).not.toContain("customer_id");
    expect(Object.keys(TopUpRequest.properties)).not.toContain("exchange_rate");
  });
});
