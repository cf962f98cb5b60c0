import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Checks the built package (run after `vite build`; the package's `test` script builds first).
const root = fileURLToPath(new URL("../..", import.meta.url));
const dist = path.join(root, "dist");
const read = (file: string) => readFileSync(path.join(dist, file), "utf8");
const code = readdirSync(dist).filter((f) => /\.c?js$/.test(f));
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

describe("dist", () => {
  it.each(code)("%s starts with 'use client'", (file) => {
    expect(read(file).startsWith('"use client";')).toBe(true);
  });

  it("has every file the exports map points to", () => {
    const targets: string[] = [];
    const walk = (value: unknown, condition: string) => {
      if (typeof value === "string") {
        if (condition !== "@credyt/source") targets.push(value);
      } else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) walk(v, k);
      }
    };
    walk(pkg.exports, "");
    expect(targets.length).toBeGreaterThanOrEqual(10);
    for (const target of targets) expect(() => readFileSync(path.join(root, target)), target).not.toThrow();
  });

  it("keeps the dialog in its own lazily imported chunk, and deps external", () => {
    const index = read("index.js");
    const dialog = code.filter((f) => f.startsWith("top-up-dialog-"));
    expect(dialog).toHaveLength(2);
    for (const file of code.filter((f) => !f.startsWith("top-up-dialog-"))) {
      expect(read(file), file).not.toContain("@radix-ui/react-dialog");
    }
    expect(index).toMatch(/import\("\.\/top-up-dialog-[\w-]+\.js"\)/);
    expect(read(dialog.find((f) => f.endsWith(".js")) ?? "")).toContain('from "@radix-ui/react-dialog"');
    const all = code.map(read).join("\n");
    expect(all).toContain('from "@credyt/core"');
    expect(all).not.toContain("function createCredytClient");
    expect(all).not.toContain("@radix-ui/react-slot/dist");
  });

  it("shares one React context between `.` and `./testing`", () => {
    const withContext = code.filter((f) => f.endsWith(".js") && read(f).includes("createContext("));
    expect(withContext).toHaveLength(1);
    const chunk = withContext[0] as string;
    expect(chunk).toMatch(/^chunk-/);
    expect(read("index.js")).toContain(`./${chunk}`);
    expect(read("testing.js")).toContain(`./${chunk}`);
  });

  it("loads in plain Node as ESM and as CommonJS, through the exports map", () => {
    // A child process: plain Node with default conditions, as an app would resolve the package.
    const script = `
      const esm = await import("@credyt/react");
      const testing = await import("@credyt/react/testing");
      const cjs = (await import("node:module")).createRequire(process.cwd() + "/")("@credyt/react");
      console.log(JSON.stringify({ esm: Object.keys(esm), cjs: Object.keys(cjs), testing: Object.keys(testing) }));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const keys = JSON.parse(run.stdout) as Record<string, string[]>;
    const names = ["CredytProvider", "WalletBalance", "TopUpButton", "BillingPortalLink", "useWallet", "credytKeys"];
    names.push(
      "UsageHistory",
      "SpendSummary",
      "SpendChart",
      "LowBalanceNotice",
      "useUsage",
      "useUsageSummary",
      "useQuote",
    );
    for (const name of names) {
      expect(keys.esm, name).toContain(name);
      expect(keys.cjs, name).toContain(name);
    }
    expect(keys.testing?.sort()).toEqual(
      [
        "MockCredytProvider",
        "createMockClient",
        "demoWallet",
        "fixtures",
        "resolveScenario",
        "MOCK_NOW",
        "demoUsage",
        "summaryOf",
      ].sort(),
    );
  });

  it("ships styles.css in @layer components.credyt after Tailwind v4's layer order, targeting [data-credyt] only", () => {
    const css = read("styles.css");
    expect(css).toBe(readFileSync(path.join(root, "src/styles.css"), "utf8"));
    const body = css.replace(/\/\*[\s\S]*?\*\//g, "").trim();
    expect(body.startsWith("@layer theme, base, components, utilities;\n\n@layer components.credyt {")).toBe(true);
    // Outside the layer, only the one rule that hands reset properties back to the layers.
    const unlayered = body.slice(body.lastIndexOf("\n}\n") + 3).trim();
    expect(unlayered).toMatch(/^:where\(\[data-credyt\]\):not\(credyt-a\):not\(credyt-b\) \{[^{}]*\}$/);
    for (const line of unlayered.split("\n").slice(1, -1)) expect(line.trim()).toMatch(/^[a-z-]+: revert-layer;$/);
    const selectors = [...body.matchAll(/([^{};]+)\{/g)]
      .map((m) => (m[1] ?? "").trim())
      .filter((s) => !s.startsWith("@") && !/^\d+%$/.test(s));
    expect(selectors.length).toBeGreaterThan(20);
    for (const list of selectors) {
      for (const selector of list.split(",").map((s) => s.trim())) {
        expect(selector, selector).toMatch(/\[data-credyt|^:root|^\[data-credyt-theme=/);
      }
    }
  });
});
