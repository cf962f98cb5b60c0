import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Checks the built package in dist/ (`vite build`; turbo builds a package before its tests).
const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { bin: Record<string, string> };

// Plain Node with default conditions, as an installed package is resolved: the ESM or the CJS build.
function serve(format: "import" | "require"): string {
  const load = (name: string) => (format === "import" ? `await import("${name}")` : `require("${name}")`);
  const script = `
    const { createRequire } = await import("node:module");
    const require = createRequire(process.cwd() + "/");
    const { startEmulator } = ${load("@credyt/emulator/node")};
    const { DEMO_CUSTOMER_ID } = ${load("@credyt/emulator")};
    const emulator = await startEmulator({ port: 0 });
    const headers = { "x-credyt-api-key": emulator.apiKey, "content-type": "application/json" };
    const wallet = emulator.url + "/customers/" + DEMO_CUSTOMER_ID + "/wallet";
    const body = JSON.stringify({ transaction_id: crypto.randomUUID(), asset: "USD", amount: 0.1, reason: "gift" });
    const added = await fetch(wallet + "/adjustments", { method: "POST", headers, body });
    const text = await (await fetch(wallet, { headers })).text();
    await emulator.close();
    console.log(JSON.stringify({ status: added.status, text }));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  expect(run.stderr).toBe("");
  return run.stdout;
}

describe("dist", () => {
  it.each(["cli.js", "cli.cjs"])("%s is executable and opens with a node hashbang", (file) => {
    const full = path.join(root, "dist", file);
    expect(readFileSync(full, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(full).mode & 0o111).toBe(0o111);
  });

  it("runs the `bin` as a command", () => {
    const bin = path.join(root, pkg.bin["credyt-emulator"] as string);
    expect(execFileSync(bin, ["--help"], { encoding: "utf8" })).toContain("Usage: credyt-emulator");
  });

  // A user type-checking with skipLibCheck off reads every declaration file an entry reaches. An implementation
  // module there would need its libraries' types too (big.js ships none), so the entries reach only the declared
  // public types and @credyt/core.
  it.each([".d.ts", ".d.cts"])("the entries' %s typings reach no implementation module", (ext) => {
    const reached = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const [, specifier = ""] of readFileSync(file, "utf8").matchAll(/from '([^']+)'/g)) {
        if (!specifier.startsWith(".")) packages.add(specifier);
        else visit(path.resolve(path.dirname(file), specifier.replace(/\.c?js$/, ext)));
      }
    };
    for (const entry of ["index", "node"]) visit(path.join(root, "dist", `${entry}${ext}`));
    expect([...packages]).toEqual(["@credyt/core"]);
    const internal = [...reached].map((file) => path.relative(path.join(root, "dist/_internal"), file)).sort();
    expect(internal.filter((file) => !file.startsWith(".."))).toEqual(
      [
        "adjustment-reasons",
        "create-emulator",
        "default-seed",
        "readings",
        "seed-error",
        "start-emulator",
        "types",
      ].map((name) => `${name}${ext}`),
    );
  });

  it.each(["import", "require"] as const)("serves exact amounts when loaded with %s", (format) => {
    const { status, text } = JSON.parse(serve(format)) as { status: number; text: string };
    expect(status).toBe(201);
    // The seeded 14.566678 plus 0.1, through the bundled code and its decimal library (ESM or CJS interop).
    expect(text).toContain('"available":14.666678');
    expect(text).toContain('"available":993450234');
  });
});
