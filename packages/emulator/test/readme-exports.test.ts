import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(path.join(here, "../README.md"), "utf8");

/** Every name an entry file exports (values and types). */
function exportedNames(entry: string): string[] {
  const text = readFileSync(path.join(here, "../src", entry), "utf8");
  const names: string[] = [];
  for (const block of text.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
    for (const part of (block[1] as string).split(",")) {
      const name = part.replace(/^\s*type\s+/, "").trim();
      if (name) names.push(name);
    }
  }
  return names;
}

describe("README documents every export", () => {
  for (const entry of ["index.ts", "node.ts"]) {
    it(`names each export of ${entry}`, () => {
      const names = exportedNames(entry);
      expect(names.length).toBeGreaterThan(5);
      for (const name of names) expect(readme, name).toContain(`\`${name}`);
    });
  }
});
