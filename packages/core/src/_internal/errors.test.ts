import { describe, expect, it } from "vitest";
import { CredytError, ERROR_STATUS, isCredytError, isErrorCode, isRetryableError } from "./errors";

const expected: Record<string, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_request: 422,
  rate_limited: 429,
  internal: 500,
  upstream_error: 502,
  unavailable: 503,
  upstream_timeout: 504,
  network_error: 0,
  timeout: 0,
  invalid_response: 0,
};

describe("error catalogue", () => {
  it("maps every code to its documented status and back", () => {
    expect(ERROR_STATUS).toEqual(expected);
    const wireCodes = Object.entries(ERROR_STATUS).filter(([, status]) => status !== 0);
    const statuses = wireCodes.map(([, status]) => status);
    expect(new Set(statuses).size).toBe(statuses.length); // each wire status names exactly one code
  });

  it.each(Object.entries(expected))("CredytError(%s) defaults to status %i", (code, status) => {
    const error = new CredytError(code as keyof typeof ERROR_STATUS, "m");
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error).toBeInstanceOf(Error);
    expect(isCredytError(error)).toBe(true);
  });

  it("serialises to the wire shape, with details only when present", () => {
    expect(new CredytError("not_found", "No such account").toJSON()).toEqual({
      error: { code: "not_found", message: "No such account" },
    });
    const withDetails = new CredytError("invalid_request", "Bad amount", { details: { amount: ["must be > 0"] } });
    expect(JSON.parse(JSON.stringify(withDetails))).toEqual({
      error: { code: "invalid_request", message: "Bad amount", details: { amount: ["must be > 0"] } },
    });
  });

  it("keeps cause, explicit status and retryAfter", () => {
    const cause = new Error("socket hang up");
    const error = new CredytError("rate_limited", "slow down", { cause, retryAfter: 7, status: 429 });
    expect(error.cause).toBe(cause);
    expect(error.retryAfter).toBe(7);
  });

  it("recognises errors from another copy of the package but not look-alikes", () => {
    expect(isCredytError({ name: "CredytError", code: "not_found" })).toBe(true);
    expect(isCredytError({ name: "CredytError", code: "nope" })).toBe(false);
    expect(isCredytError(new Error("x"))).toBe(false);
    expect(isCredytError(null)).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
  });

  it("marks transient failures retryable and client mistakes not", () => {
    expect(isRetryableError(new CredytError("upstream_timeout", "t"))).toBe(true);
    expect(isRetryableError(new CredytError("network_error", "n"))).toBe(true);
    expect(isRetryableError(new CredytError("invalid_request", "i"))).toBe(false);
    expect(isRetryableError(new CredytError("unauthorized", "u"))).toBe(false);
  });
});
