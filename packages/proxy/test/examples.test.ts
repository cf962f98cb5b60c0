// Every README snippet is a file in examples/, included verbatim in the README and run here.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { createAdaptorServer } from "@hono/node-server";
import { type ListeningServer, listen } from "@repo/tooling/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const examplesDir = new URL("../examples/", import.meta.url);
let emulator: RunningEmulator;
const servers: ListeningServer[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  process.env.CREDYT_API_KEY = emulator.apiKey;
  process.env.CREDYT_API_URL = emulator.url;
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await emulator?.close();
});

async function serve(server: Server): Promise<string> {
  const running = await listen(server, { path: "/api/credyt" });
  servers.push(running);
  return running.url;
}

async function exercise(base: string) {
  // The emulator's demo customer has external_id "demo": identify finds it, creates nothing.
  const cookie = { Cookie: "user=demo" };
  const wallet = await fetch(`${base}/wallet`, { headers: cookie });
  expect(wallet.status).toBe(200);
  expect(await wallet.text()).toContain("14.566678");
  expect((await fetch(`${base}/wallet`)).status).toBe(401);
  const topUp = await fetch(`${base}/top-ups`, {
    method: "POST",
    headers: { ...cookie, "Content-Type": "application/json", "Idempotency-Key": `example-${Math.random()}` },
    body: JSON.stringify({ amount: 10, currency: "USD" }),
  });
  expect(topUp.status).toBe(201);
}

describe("README examples", () => {
  it("README includes every example file verbatim", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const files = readdirSync(examplesDir).filter((f) => f.endsWith(".ts") && f !== "session.ts");
    expect(files.sort()).toEqual([
      "credyt.ts",
      "express.ts",
      "fetch.ts",
      "hono.ts",
      "live.ts",
      "next-route.ts",
      "node-http.ts",
      "prefetch.ts",
    ]);
    for (const file of files) {
      const source = readFileSync(new URL(file, examplesDir), "utf8").trim();
      expect(readme, `README is missing examples/${file} verbatim`).toContain(`\`\`\`ts\n${source}\n\`\`\``);
    }
  });

  it("Express", async () => {
    const { app } = await import("../examples/express");
    await exercise(await serve(createServer(app)));
  });

  it("Express in plain JavaScript (examples/express-plain.mjs, the README's first snippet)", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const source = readFileSync(new URL("express-plain.mjs", examplesDir), "utf8").trim();
    expect(readme).toContain(`\`\`\`js\n${source}\n\`\`\``);
    const { getUser } = await import("../examples/session");
    // A JavaScript module: imported by URL, so TypeScript does not ask for its types.
    const { app } = (await import(/* @vite-ignore */ new URL("express-plain.mjs", examplesDir).href)) as {
      app: (req: unknown, res: unknown) => void;
    };
    // Stands in for the app's authentication middleware, which sets req.user.
    const withAuth = createServer((req, res) => {
      Object.assign(req, { user: getUser(req.headers.cookie) ?? undefined });
      app(req, res);
    });
    await exercise(await serve(withAuth));
  });

  it("node:http", async () => {
    const { server } = await import("../examples/node-http");
    await exercise(await serve(server));
  });

  it("Next.js route handlers", async () => {
    const { GET, POST } = await import("../examples/next-route");
    // Next passes the [...path] segments as params; the route takes its prefix from them.
    const route = (request: Request) => {
      const path = new URL(request.url).pathname.replace(/^\/api\/credyt\//, "").split("/");
      const context = { params: Promise.resolve({ path }) };
      return request.method === "GET" ? GET(request, context) : POST(request, context);
    };
    await exercise(await serve(createAdaptorServer({ fetch: route }) as Server));
  });

  it("Hono", async () => {
    const { app } = await import("../examples/hono");
    await exercise(await serve(createAdaptorServer({ fetch: app.fetch }) as Server));
  });

  it("plain Fetch", async () => {
    const { handleRequest } = await import("../examples/fetch");
    await exercise(await serve(createAdaptorServer({ fetch: handleRequest }) as Server));
  });

  it("server-side prefetch with credyt.api", async () => {
    const { loadWallet } = await import("../examples/prefetch");
    const wallet = await loadWallet("demo");
    expect(wallet.accounts.find((a) => a.asset === "USD")?.available).toBe(14.566678);
  });

  it("live balance: billUsage pushes the charged balance to an open stream", async () => {
    const { credyt, billUsage } = await import("../examples/live");
    const base = await serve(createAdaptorServer({ fetch: (request: Request) => credyt.fetch(request) }) as Server);
    const controller = new AbortController();
    const response = await fetch(`${base}/wallet/stream`, {
      headers: { Cookie: "user=demo" },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) text += decoder.decode((await reader.read()).value, { stream: true });
    };
    await until(/"available":14\.566678/);
    await billUsage("demo", "video_promoted"); // $0.50 in the emulator's demo product
    await until(/"available":14\.066678/);
    controller.abort();
  });
});
