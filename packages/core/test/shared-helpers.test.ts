import { describe, expect, it } from "vitest";
import {
  ASSET_CODE_PATTERN,
  ERROR_STATUS,
  errorCodeForStatus,
  isAssetCode,
  isIdempotencyKey,
  isLoopbackHost,
  toHex,
} from "../src/index";

describe("isAssetCode", () => {
  it.each(["USD", "TOK", "VIDGENMIN", "gpu_min", "GPU-MIN", "A", `A${"b".repeat(31)}`])("accepts %s", (code) => {
    expect(isAssetCode(code)).toBe(true);
    expect(ASSET_CODE_PATTERN.test(code)).toBe(true);
  });
  it.each(["", "1USD", "_TOK", "bad code", "TOK/../x", "USD\n", `A${"b".repeat(32)}`, 42, null, undefined])(
    "rejects %j",
    (code) => {
      expect(isAssetCode(code)).toBe(false);
    },
  );
});

describe("errorCodeForStatus", () => {
  it("gives every catalogued status its own code back", () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      if (status === 0) continue;
      const found = errorCodeForStatus(status);
      // 400 and 500 have one code each; every code round-trips to its own status.
      expect(ERROR_STATUS[found]).toBe(status);
      if (!["bad_request", "internal"].includes(found)) expect(found).toBe(code);
    }
  });
  it("maps other statuses by class", () => {
    expect(errorCodeForStatus(400)).toBe("bad_request");
    expect(errorCodeForStatus(418)).toBe("bad_request");
    expect(errorCodeForStatus(500)).toBe("internal");
    expect(errorCodeForStatus(599)).toBe("internal");
    expect(errorCodeForStatus(0)).toBe("bad_request");
  });
});

describe("toHex", () => {
  it("encodes bytes as two lower-case digits each", () => {
    expect(toHex(Uint8Array.of(0, 1, 15, 16, 171, 255))).toBe("00010f10abff");
    expect(toHex(Uint8Array.of(0xde, 0xad).buffer)).toBe("dead");
    expect(toHex(new Uint8Array())).toBe("");
  });
});

describe("isLoopbackHost", () => {
  it("knows the loopback host names as URL#hostname gives them, and nothing else", () => {
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["localhost.evil.example", "127.0.0.2", "::1", "example.com", ""])
      expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("isIdempotencyKey", () => {
  it("accepts 8-255 visible ASCII characters and nothing else", () => {
    for (const key of ["12345678", crypto.randomUUID(), "k".repeat(255), "a!~b_c-d"])
      expect(isIdempotencyKey(key)).toBe(true);
    for (const key of ["1234567", "k".repeat(256), "has space1", "tab\tkey12", "clé-12345", null, 12345678])
      expect(isIdempotencyKey(key)).toBe(false);
  });
});
