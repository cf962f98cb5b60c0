import { describe, expect, it } from "vitest";
import { credytKeys, isCredytKey } from "./cache-keys";

describe("cache keys", () => {
  it("are namespaced per proxy and recognisable", () => {
    expect(credytKeys.wallet("/api/credyt")).toEqual(["@credyt", "/api/credyt", "wallet"]);
    expect(credytKeys.all("/api/credyt")).toEqual(["@credyt", "/api/credyt"]);
    expect(isCredytKey(credytKeys.wallet("/b"))).toBe(true);
    expect(isCredytKey(["wallet"])).toBe(false);
    expect(isCredytKey("/api/credyt/wallet")).toBe(false);
  });
});
