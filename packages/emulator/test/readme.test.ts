import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/_internal/run-cli";
import type { RunningEmulator } from "../src/node";

const run = promisify(execFile);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1] as string,
  code: m[2] as string,
}));

/** Pairs of (curl block, expected output block that follows it), in README order. */
const examples = blocks.flatMap((block, i) => {
  const next = blocks[i + 1];
  if (block.lang !== "sh" || !block.code.includes("curl") || !next || !["json", "text"].includes(next.lang)) return [];
  return [{ command: block.code, expected: next }];
});

/** `…` in a documented string means "anything from here on". Keys must match exactly. */
function expectMatches(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "string" && expected.includes("…")) {
    expect(typeof actual, path).toBe("string");
    expect((actual as string).startsWith(expected.slice(0, expected.indexOf("…"))), `${path}: ${actual}`).toBe(true);
    return;
  }
  if (expected !== null && typeof expected === "object") {
    expect(actual, path).toBeTypeOf("object");
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expectMatches((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

let running: RunningEmulator;
let port: string;
const printed: string[] = [];

/** The CLI arguments of the README's "Run it" command (`npx @credyt/emulator …`), which the examples run against. */
const startCommand =
  blocks.find((b) => b.lang === "sh" && b.code.startsWith("npx @credyt/emulator"))?.code.trim() ?? "";
const cliArgs = startCommand.split(/\s+/).slice(2);

beforeAll(async () => {
  // The README targets --port 4010; a free port keeps the test hermetic, and is substituted into the commands.
  running = await runCli(
    cliArgs.map((arg) => (arg === "4010" ? "0" : arg)),
    (line) => printed.push(line),
  );
  port = new URL(running.url).port;
});
afterAll(() => running.close());

describe("README", () => {
  it("starts the CLI as the curl section says", () => {
    expect(cliArgs).toEqual(["--port", "4010", "--admin"]);
    expect(readme).toContain(`against \`${startCommand}\``);
  });

  it("has curl examples with outputs", () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  it("shows what the CLI prints", () => {
    const shown = blocks.find((b) => b.lang === "text" && b.code.startsWith("Credyt emulator listening"));
    expect(printed.join("\n")).toBe(shown?.code.trim().replaceAll("4010", port));
  });

  it("curl examples work exactly as written, in order", async () => {
    for (const { command, expected } of examples) {
      const { stdout } = await run("bash", [
        "-euo",
        "pipefail",
        "-c",
        command.replaceAll("127.0.0.1:4010", `127.0.0.1:${port}`),
      ]);
      const want = expected.code.trim().replaceAll("4010", port);
      if (expected.lang === "text") expect(stdout.trim(), command).toBe(want);
      else expectMatches(JSON.parse(stdout), JSON.parse(want), command.split("\n")[0]);
    }
  });
});
