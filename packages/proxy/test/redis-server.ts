import { type ChildProcess, spawn } from "node:child_process";
import { Socket } from "node:net";
import { freePort } from "@repo/tooling/server";

/** A redis-server of the test's own, on a loopback port, without persistence. */
export interface TestRedis {
  port: number;
  url: string;
  /** Whether the server is up (not killed or stopped). */
  readonly running: boolean;
  /** Kills the server (SIGKILL, like a crash) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing was persisted). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1");
  });
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.env.REDIS_SERVER ?? "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  const deadline = Date.now() + 10_000;
  while (!(await Promise.race([canConnect(port), spawnError]))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return child;
}

async function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  await exited;
}

/** Starts `redis-server` on a free loopback port; call `stop()` in `afterAll`. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child = await launch(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    kill: () => end(child, "SIGKILL"),
    restart: async () => {
      child = await launch(port);
    },
    stop: () => end(child, "SIGTERM"),
  };
}
