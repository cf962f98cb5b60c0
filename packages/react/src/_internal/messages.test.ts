import { CredytError } from "@credyt/core";
import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-message";
import { de, en, es, fr, ja } from "./messages";
import { usageEn } from "./usage-messages";

// `en` leaves the usage strings to the usage components (`usageEn`); every other set carries them.
const full = { ...en, ...usageEn };

describe("message sets", () => {
  it.each([
    ["de", de],
    ["fr", fr],
    ["es", es],
    ["ja", ja],
  ])("%s translates every string and keeps the placeholders", (_, set) => {
    expect(Object.keys(set).sort()).toEqual(Object.keys(full).sort());
    for (const [key, value] of Object.entries(set)) {
      expect(value, key).not.toBe("");
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(value), key).toEqual(placeholders(full[key as keyof typeof full]));
    }
  });
});

describe("error messages", () => {
  it("tells a 403 `forbidden` (the site's configuration) apart from `unauthorized`, in every language", () => {
    for (const set of [en, de, fr, es, ja]) {
      const t = { ...en, ...set };
      const forbidden = errorMessage(new CredytError("forbidden", "Requests from this origin are not allowed."), t);
      expect(forbidden).toBe(set.errorForbidden);
      expect(forbidden).not.toBe(errorMessage(new CredytError("unauthorized", "No session."), t));
      expect(errorMessage(new CredytError("timeout" as never, "No answer in 15000 ms."), t)).toBe(set.errorTimeout);
    }
  });
});
