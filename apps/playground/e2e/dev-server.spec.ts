import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { freePort } from "@repo/tooling/server";

// `pnpm dev` itself (server/dev.ts): it prints the one URL to open, serves the app through Vite on it, and
// a busy port stops it with a one-line message. No browser needed.

const appDir = fileURLToPath(new URL("..", import.meta.url));

function startDev(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  const child = spawn(process.execPath, ["--conditions=@credyt/source", "--import", "tsx", "server/dev.ts"], {
    cwd: appDir,
    env: { ...process.env, HOST: "127.0.0.1", CREDYT_API_KEY: "", CREDYT_API_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? -1)));
  return { child, output: () => text, exited };
}

test("pnpm dev prints the one URL to open and serves the app there; a busy port is one clear line", async () => {
  test.setTimeout(90_000);
  const [port, emulatorPort] = [await freePort(), await freePort()];
  const dev = startDev({ PORT: String(port), EMULATOR_PORT: String(emulatorPort) });
  try {
    await expect.poll(dev.output, { timeout: 60_000 }).toContain("ready");
    const urls = dev.output().match(/https?:\/\/[^\s,)]+/g) ?? [];
    expect(urls[0]).toBe(`http://127.0.0.1:${port}/`);
    // The only other URL printed is the emulator's, labelled as what the app talks to.
    expect(urls.slice(1)).toEqual([`http://127.0.0.1:${emulatorPort}`]);

    const page = await fetch(urls[0] ?? "");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="/src/main.tsx"');
    const session = await (await fetch(`http://127.0.0.1:${port}/api/session`)).json();
    expect(session.customers.map((c: { externalId: string }) => c.externalId)).toEqual(["demo", "demo-2"]);

    const clash = startDev({ PORT: String(port), EMULATOR_PORT: "0" });
    expect(await clash.exited).toBe(1);
    expect(clash.output().trim()).toBe(
      `The playground's port ${port} is already in use. Stop whatever uses it, or pick another: PORT=${port + 10} pnpm dev`,
    );
  } finally {
    dev.child.kill("SIGTERM");
  }
  expect(await dev.exited).toBe(0);
});
