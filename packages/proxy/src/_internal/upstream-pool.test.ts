import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { freePort, listen } from "@repo/tooling/server";
import { afterEach, describe, expect, it } from "vitest";
import { callUpstream, failureOf } from "./upstream";
import { createUpstreamFetch } from "./upstream-pool";

const WALLET = '{"accounts":[{"id":"default:USD","asset":"USD","available":14.566678}]}';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A stand-in Credyt that records every socket and request, answered by `answer`. */
async function upstream(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const sockets = new Set<Socket>();
  let open = 0;
  let maxOpen = 0;
  const seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      answer(req, res);
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    socket.on("close", () => {
      open -= 1;
    });
  });
  const running = await listen(server);
  cleanups.push(() => running.close());
  return { url: running.url, seen, sockets, maxOpen: () => maxOpen };
}

function pool(connections?: number) {
  const fetch = createUpstreamFetch(connections === undefined ? {} : { connections });
  cleanups.push(() => fetch.close());
  return fetch;
}

const wallet = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(WALLET);
};

describe("createUpstreamFetch (the Node adapter's pool to Credyt)", () => {
  it("never opens more than `connections` sockets, however many calls wait", async () => {
    // Answers are held until 20 requests could have arrived, so an unbounded client would open 20 sockets.
    const held: ServerResponse[] = [];
    const credyt = await upstream((_req, res) => {
      held.push(res);
      setTimeout(() => {
        for (const r of held.splice(0)) wallet(_req, r);
      }, 20);
    });
    const fetch = pool(3);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => fetch(`${credyt.url}/customers/c${i}/wallet`).then((r) => r.text())),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, () => WALLET));
    expect(credyt.seen).toHaveLength(20);
    expect(credyt.maxOpen()).toBeLessThanOrEqual(3);
    expect(credyt.sockets.size).toBeLessThanOrEqual(3);
  });

  it("keeps connections alive: ten sequential calls reuse their sockets", async () => {
    const credyt = await upstream(wallet);
    const fetch = pool();
    for (let i = 0; i < 10; i++) expect((await fetch(`${credyt.url}/customers/c${i}/wallet`)).status).toBe(200);
    // undici may open a second socket while the first is being released; never one per call.
    expect(credyt.sockets.size).toBeLessThanOrEqual(2);
  });

  it("sends the method, headers and string body, and answers status, headers and text", async () => {
    const credyt = await upstream((_req, res) => {
      res.writeHead(429, { "retry-after": "7", "content-type": "application/json" });
      res.end('{"error":"slow down"}');
    });
    const response = await pool()(`${credyt.url}/top-ups`, {
      method: "POST",
      headers: { "X-CREDYT-API-KEY": "key_test", "Content-Type": "application/json" },
      body: '{"amount":"20"}',
    });
    expect(credyt.seen[0]).toMatchObject({ method: "POST", url: "/top-ups", body: '{"amount":"20"}' });
    expect(credyt.seen[0]?.headers["x-credyt-api-key"]).toBe("key_test");
    expect(response.status).toBe(429);
    expect(response.ok).toBe(false);
    expect(response.headers.get("Retry-After")).toBe("7");
    expect(await response.text()).toBe('{"error":"slow down"}');
  });

  it("stops a call when its signal aborts", async () => {
    const credyt = await upstream(() => {}); // never answers
    const controller = new AbortController();
    const call = pool()(`${credyt.url}/customers/c/wallet`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toThrow();
  });

  it("reports a refused connection as fetch does, so the proxy knows the request was never sent", async () => {
    const port = await freePort();
    const error = await pool()(`http://127.0.0.1:${port}/customers/c/wallet`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
    const upstreamError = await callUpstream(
      { apiKey: "key_test", apiUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000, fetch: pool() },
      { method: "POST", path: "/top-ups", body: {} },
    ).catch((e: unknown) => e);
    expect(failureOf(upstreamError)?.maybeApplied).toBe(false);
  });

  it("serves the proxy's upstream calls: a 429 becomes `unavailable` with Credyt's Retry-After", async () => {
    const credyt = await upstream((_req, res) => {
      res.writeHead(429, { "retry-after": "9" });
      res.end("{}");
    });
    const error = await callUpstream(
      { apiKey: "key_test", apiUrl: credyt.url, timeoutMs: 1000, fetch: pool() },
      { method: "GET", path: "/customers/c/wallet" },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unavailable", retryAfter: 9 });
  });

  it("refuses a connection bound that is not a positive integer", () => {
    expect(() => createUpstreamFetch({ connections: 0 })).toThrow(/connections/);
  });
});
