// The README is part of the product: its start-up error is the real one, and every option is in its table.
import { readFileSync } from "node:fs";
import { createServer } from "vite";
import { afterEach, describe, expect, it } from "vitest";
import { credyt } from "../src/index";
import { appRoot } from "./helpers";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const settings = readFileSync(new URL("../src/_internal/settings.ts", import.meta.url), "utf8");

afterEach(() => {
  delete process.env.CREDYT_API_KEY;
});

describe("README", () => {
  it("shows the exact start-up error for a real key without a customer", async () => {
    process.env.CREDYT_API_KEY = "key_live_something";
    const error = await createServer({
      root: appRoot(),
      configFile: false,
      envDir: false,
      logLevel: "silent",
      plugins: [credyt()],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(readme).toContain(`\`\`\`text\n${(error as Error).message}\n\`\`\``);
  });

  it("lists every option the plugin adds in its options table", () => {
    const body = settings.slice(
      settings.indexOf("export interface CredytPluginOptions"),
      settings.indexOf("/** The plugin's settings"),
    );
    const names = [...body.matchAll(/^ {2}(\w+)\??[(:]/gm)].map((m) => m[1]);
    expect(names).toEqual([
      "apiKey",
      "apiUrl",
      "customer",
      "getCustomerId",
      "publicOrigin",
      "pagesPath",
      "allowNetwork",
      "exposeEmulatorApi",
      "emulator",
    ]);
    for (const name of names) expect(readme, name).toContain(`| \`${name}\``);
  });
});
