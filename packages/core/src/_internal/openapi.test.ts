import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "./errors";

const openapi = JSON.parse(readFileSync(new URL("../../openapi.json", import.meta.url), "utf8"));
const protocol = readFileSync(new URL("../../../../docs/protocol.md", import.meta.url), "utf8");
const wireCodes = Object.entries(ERROR_STATUS).filter(([, status]) => status !== 0);

describe("the published contract agrees with the code", () => {
  it("is OpenAPI 3.1 with exactly the protocol's routes", () => {
    expect(openapi.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.paths).sort()).toEqual(
      [
        "/billing-portal/sessions",
        "/quote",
        "/top-ups",
        "/usage",
        "/usage/summary",
        "/wallet",
        "/wallet/stream",
        "/wallet/{accountId}",
      ].sort(),
    );
  });

  it("lists every wire error code with its status, in the schema and in the prose", () => {
    expect(openapi["x-error-status"]).toEqual(Object.fromEntries(wireCodes));
    // `invalid_response` is the client's own code (status 0), which the proxy also sends with 502 when
    // Credyt's redirect_url is not a Credyt address.
    expect(openapi.components.schemas.ErrorCode.enum.sort()).toEqual(
      [...wireCodes.map(([code]) => code), "invalid_response"].sort(),
    );
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

  it("every response declares X-Request-Id", () => {
    expect(openapi.components.headers.RequestId.schema.type).toBe("string");
    for (const path of Object.values<
      Record<string, { responses: Record<string, { $ref?: string; headers?: Record<string, { $ref?: string }> }> }>
    >(openapi.paths)) {
      for (const operation of Object.values(path)) {
        for (const response of Object.values(operation.responses)) {
          const resolved = response.$ref
            ? openapi.components.responses[response.$ref.split("/").pop() as string]
            : response;
          expect(resolved.headers?.["X-Request-Id"]).toEqual({ $ref: "#/components/headers/RequestId" });
        }
      }
    }
  });

  it("lists the statuses a GET really gets: 403 (foreign Origin), 404, 422 (customer id, malformed account id), 429 (per-customer GET limit)", () => {
    for (const route of ["/wallet", "/wallet/{accountId}", "/usage", "/usage/summary", "/quote"]) {
      const statuses = Object.keys(openapi.paths[route].get.responses);
      expect(statuses).toEqual(["200", "401", "403", "404", "405", "422", "429", "500", "502", "503", "504"]);
      // GETs have no body to be malformed (no 400).
      expect(statuses).not.toContain("400");
    }
    for (const route of ["/top-ups", "/billing-portal/sessions"]) {
      expect(Object.keys(openapi.paths[route].post.responses)).toEqual(
        expect.arrayContaining(["400", "403", "413", "415", "422", "429"]),
      );
    }
    expect(protocol).toMatch(/GETs are rate-limited per customer/);
  });

  it("documents every usage route in the prose, with its parameters", () => {
    for (const route of ["/usage", "/usage/summary", "/quote"]) {
      expect(protocol).toContain(`### \`GET {base}${route}`);
      for (const parameter of openapi.paths[route].get.parameters) {
        expect(protocol).toContain(`\`${parameter.name}\``);
      }
    }
    expect(openapi.paths["/usage"].get.parameters[0].schema.maximum).toBe(100);
  });

  it("documents the live stream: an event stream, resumable, capped per customer (429) and off → 404", () => {
    const stream = openapi.paths["/wallet/stream"].get;
    expect(Object.keys(stream.responses)).toEqual([
      "200",
      "401",
      "403",
      "404",
      "405",
      "422",
      "429",
      "500",
      "502",
      "503",
      "504",
    ]);
    expect(Object.keys(stream.responses["200"].content)).toEqual(["text/event-stream"]);
    expect(stream.parameters.map((p: { name: string }) => p.name)).toEqual(["Last-Event-ID", "last_event_id"]);
    expect(protocol).toMatch(/### `GET \{base\}\/wallet\/stream`/);
    expect(protocol).toMatch(/Last-Event-ID/);
  });

  it("never lets the browser send a customer id or an exchange rate", () => {
    const { TopUpRequest, PortalSessionRequest } = openapi.components.schemas;
    expect(TopUpRequest.additionalProperties).toBe(false);
    expect(PortalSessionRequest.additionalProperties).toBe(false);
    expect(Object.keys(TopUpRequest.properties)).not.toContain("customer_id");
    expect(Object.keys(TopUpRequest.properties)).not.toContain("exchange_rate");
  });
});
