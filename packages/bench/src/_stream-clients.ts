// Helpers of the live balance benchmark: stream clients as light as a browser tab's, and a redis-server.
import { type ChildProcess, spawn } from "node:child_process";
import { type ClientRequest, get } from "node:http";
import { createServer as createNetServer, Socket } from "node:net";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Tab {
  customer: string;
  /** Times (performance.now) at which wallet events arrived. */
  events: number[];
  request: ClientRequest;
}

/** Opens one stream, resolving once its first wallet event arrived. */
export function openTab(base: string, who: string): Promise<Tab> {
  return new Promise((resolve, reject) => {
    const tab: Tab = { customer: who, events: [], request: undefined as unknown as ClientRequest };
    tab.request = get(
      `${base}/api/credyt/wallet/stream`,
      { headers: { "x-bench-user": who }, agent: false },
      (response) => {
        if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
        let buffer = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf("\n\n");
          while (end !== -1) {
            if (buffer.slice(0, end).includes("event: wallet")) {
              tab.events.push(performance.now());
              if (tab.events.length === 1) resolve(tab);
            }
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
          }
        });
      },
    );
    tab.request.on("error", reject);
  });
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Starts a redis-server of its own on a free loopback port, without persistence. */
export async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 200; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
      socket.connect(port, "127.0.0.1");
    });
    if (up) return { url: `redis://127.0.0.1:${port}`, child };
    await sleep(25);
  }
  throw new Error("redis-server did not start");
}
