import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { startEmulator } from "@credyt/emulator/node";
import { freePort } from "@repo/tooling/server";

const appDir = fileURLToPath(new URL("..", import.meta.url));

async function waitUntilUp(url: string, isRunning: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error("`next start` exited before it was ready.");
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`\`next start\` did not answer on ${url} within 30 s.`);
}

/** An emulator and the production Next.js server, both on free loopback ports, for this suite alone. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(`${appDir}/.next/BUILD_ID`)) {
    throw new Error("No Next.js build in apps/next-example/.next: run `next build` first (the `test` script does).");
  }
  const emulator = await startEmulator({ port: 0, host: "127.0.0.1", admin: true });
  const port = await freePort();
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      CREDYT_API_KEY: emulator.apiKey,
      CREDYT_API_URL: emulator.url,
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let running = true;
  child.once("exit", () => {
    running = false;
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(url, () => running);
  } catch (error) {
    child.kill("SIGTERM");
    await emulator.close();
    throw error;
  }
  process.env.NEXT_URL = url;
  process.env.EMULATOR_URL = emulator.url;
  return async () => {
    if (running) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    await emulator.close();
  };
}
