import { type ChildProcess, execFile, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const here = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer {
  name: string;
  url: string;
  child: ChildProcess;
  stats(gc?: boolean): Promise<{ cpu: NodeJS.CpuUsage; heapUsed: number; rss: number }>;
  stop(): void;
  /** Profiles the server's CPU from now until the returned function is called, which writes `file`. */
  profile(file: string): Promise<() => Promise<void>>;
}

/** Starts one benchmark server in its own process and waits until it listens. */
export function startServer(name: string, file: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const child = fork(path.join(here, "servers", file), [], {
    env: { ...process.env, ...env, NODE_ENV: "production" },
    execArgv: ["--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${name} exited early with ${code}`)));
    child.once("message", (message: { type: string; port: number }) => {
      if (message.type !== "ready") return reject(new Error(`${name}: unexpected first message`));
      resolve({
        name,
        url: `http://127.0.0.1:${message.port}`,
        child,
        stats: (gc = false) =>
          new Promise((res) => {
            const onMessage = (m: { type: string; cpu: NodeJS.CpuUsage; heapUsed: number; rss: number }) => {
              if (m.type === "stats") {
                child.off("message", onMessage);
                res(m);
              }
            };
            child.on("message", onMessage);
            child.send({ type: "stats", gc });
          }),
        profile: async (file: string) => {
          await reply(child, { type: "profile-start" }, "profile-started");
          return async () => {
            await reply(child, { type: "profile-stop", file }, "profile-stopped");
          };
        },
        stop: () => {
          child.removeAllListeners("exit");
          child.kill();
        },
      });
    });
  });
}

/** Sends `message` to a server process and waits for its answer of type `type`. */
function reply(child: ChildProcess, message: { type: string; file?: string }, type: string): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      resolve();
    };
    child.on("message", onMessage);
    child.send(message);
  });
}

/** Runs a helper script in its own process and parses the JSON line it prints. */
/** What the autocannon load generators (`servers/load.mjs`, `servers/emulator-load.mjs`) print. */
export interface Load {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  /** Transport errors and timeouts. */
  errors: number;
  /** Answers outside 2xx (a 429 or 5xx is not the work being measured: such a row is invalid). */
  non2xx: number;
}

/** Interleaved rounds per load measurement, and seconds per round (`BENCH_ROUNDS`, `BENCH_SECONDS`). */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

export function runJson<T>(file: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(here, "servers", file), ...args], { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) return reject(error);
      resolve(JSON.parse(stdout.trim().split("\n").pop() as string) as T);
    });
  });
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
