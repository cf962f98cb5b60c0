// One object per locale, usage strings included, each a separate export of the main entry (issue 23).
// A subpath per locale (`@credyt/react/locales/de`) was considered: it would save nothing, because a
// bundler already drops every locale an app does not import. This checks that claim on the built
// files with Vite's own bundler, so a change that makes the locales stick (a side effect, a shared
// object) fails here.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Rolldown } from "vite";
import { build } from "vite";
import { afterAll, describe, expect, it } from "vitest";

const dist = path.join(__dirname, "..", "..", "dist", "index.js");
const work = mkdtempSync(path.join(tmpdir(), "credyt-locales-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One string of each bundled locale (its top-up dialog's title, or a usage string). */
const MARKERS = {
  de: "Guthaben aufladen",
  fr: "Recharger votre solde",
  es: "Recarga tu saldo",
  ja: "残高をチャージ",
};

async function bundle(code: string): Promise<string> {
  const entry = path.join(work, `${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(entry, code.replaceAll("@credyt/react", dist));
  const result = await build({
    configFile: false,
    logLevel: "silent",
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ["es"], fileName: "out" },
      rolldownOptions: { external: [/^react($|\/)/, /^react-dom($|\/)/, "swr", /^swr\//, "clsx", /^@radix-ui\//] },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs
    .flatMap((o) => o.output)
    .map((chunk) => (chunk.type === "chunk" ? chunk.code : ""))
    .join("\n");
}

describe("locales", () => {
  it("the markers are the locales' own strings", async () => {
    const all = await bundle('export { de, fr, es, ja } from "@credyt/react";');
    for (const [locale, marker] of Object.entries(MARKERS)) expect(all, locale).toContain(marker);
  }, 60_000);

  it("an app that imports no locale ships none; one that imports `de` ships only German", async () => {
    const none = await bundle(
      'export { CredytProvider, WalletBalance, TopUpButton, UsageHistory } from "@credyt/react";',
    );
    for (const [locale, marker] of Object.entries(MARKERS)) expect(none, locale).not.toContain(marker);
    const german = await bundle('export { CredytProvider, WalletBalance, de } from "@credyt/react";');
    expect(german).toContain(MARKERS.de);
    for (const locale of ["fr", "es", "ja"] as const) expect(german, locale).not.toContain(MARKERS[locale]);
  }, 60_000);
});
