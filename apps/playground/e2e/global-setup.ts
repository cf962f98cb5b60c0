import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const appDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Starts the built playground with its own seeded emulator on free loopback ports (PORT=0,
 * EMULATOR_PORT=0), and hands the URLs to the tests through the environment. Nothing outside
 * this suite is reused or needed.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(`${appDir}/dist/index.html`)) {
    throw new Error("apps/playground/dist is missing: run `vite build` first (the package's `test` script does).");
  }
  const child = spawn(
    process.execPath,
    ["--conditions=@credyt/source", "--import", "tsx", "server/serve.ts", "--json"],
    {
      cwd: appDir,
      env: { ...process.env, PORT: "0", EMULATOR_PORT: "0", HOST: "127.0.0.1", CREDYT_API_KEY: "", CREDYT_API_URL: "" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const started = await readFirstLine(child);
  const info = JSON.parse(started) as { url: string; emulatorUrl: string };
  process.env.PLAYGROUND_URL = info.url;
  process.env.EMULATOR_URL = info.emulatorUrl;
  return async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  };
}

function readFirstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error("The playground test server did not start within 30 s."));
    }, 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split("\n").find((l) => l.trim().startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The playground test server exited early (code ${code}).`));
    });
  });
}
