import { describe, expect, it } from "vitest";
import { de, en, es, fr, ja } from "./messages";

describe("message sets", () => {
  it.each([
    ["de", de],
    ["fr", fr],
    ["es", es],
    ["ja", ja],
  ])("%s translates every string and keeps the placeholders", (_, set) => {
    expect(Object.keys(set).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(set)) {
      expect(value, key).not.toBe("");
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(value), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });
});
