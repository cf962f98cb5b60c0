import { spawn } from "node:child_process";
import { Socket } from "node:net";
import { freePort } from "./server.js";

function canConnect(port) {
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

async function launch(port) {
  const child = spawn(
    process.env.REDIS_SERVER ?? "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk.toString();
  });
  const spawnError = new Promise((_, reject) => child.once("error", reject));
  const deadline = Date.now() + 10_000;
  while (!(await Promise.race([canConnect(port), spawnError]))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return child;
}

async function end(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", () => resolve(undefined)));
  child.kill(signal);
  await exited;
}

/**
 * Starts a `redis-server` of the caller's own (`$REDIS_SERVER`, else the one on PATH) on a free loopback
 * port, without persistence; call `stop()` when done.
 * @returns {Promise<import("./redis.js").TestRedis>}
 */
export async function startRedis() {
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
