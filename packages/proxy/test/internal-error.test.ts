// A failure nobody foresaw is answered the same way by the Fetch core and by the Node adapter: the
// protocol's `500 internal` body from one function (CredytError#toJSON), never the cause.
import { createServer } from "node:http";
import { type ListeningServer, listen } from "@repo/tooling/server";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { internalError } from "../src/_internal/respond";
import { MemoryIdempotencyStore } from "../src/index";
import { createCredytProxy as createNodeProxy } from "../src/node";
import { CUSTOMER, FAKE_KEY, fakeUpstream } from "./fake-upstream";
import { setup, topUpRequest } from "./helpers";

const INTERNAL_BODY = { error: { code: "internal", message: "Something went wrong on the billing server." } };

const servers: ListeningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = await listen(createServer(handler));
  servers.push(server);
  return server.url;
}

function nodeProxy() {
  return createNodeProxy({
    apiKey: FAKE_KEY,
    apiUrl: "https://credyt.test",
    fetch: fakeUpstream().fetch,
    getCustomerId: () => CUSTOMER,
  });
}

/** What a broken body parser leaves: a "consumed" body JSON cannot write (a BigInt). */
function brokenParser(req: { body?: unknown; _body?: boolean }): void {
  req.body = { amount: 10n };
  req._body = true;
}

function post(url: string): Promise<Response> {
  return fetch(`${url}/api/credyt/top-ups`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": "internal-key-0001", "X-Request-Id": "req-42" },
    body: '{"amount":10,"currency":"USD"}',
  });
}

describe("the internal error", () => {
  it("is one body, built from CredytError#toJSON", () => {
    expect(internalError().toJSON()).toEqual(INTERNAL_BODY);
    expect(internalError().status).toBe(500);
    const cause = new Error("secret detail");
    expect(internalError(cause).cause).toBe(cause);
    expect(JSON.stringify(internalError(cause).toJSON())).not.toContain("secret detail");
  });

  it("answers a throwing store in the Fetch core, without the cause", async () => {
    class BrokenStore extends MemoryIdempotencyStore {
      override async claim(): Promise<never> {
        throw new Error("disk on fire at /var/lib/store");
      }
    }
    const { proxy, events } = setup({ idempotencyStore: new BrokenStore() });
    const response = await proxy(topUpRequest({ amount: 10, currency: "USD" }));
    expect(response.status).toBe(500);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual(INTERNAL_BODY);
    expect(events.at(-1)).toMatchObject({ type: "request.rejected", code: "internal", reason: /disk on fire/ });
  });

  it("answers the same body from the Node adapter when the request cannot be converted (node:http)", async () => {
    const proxy = nodeProxy();
    const url = await serve((req, res) => {
      brokenParser(req as never);
      proxy(req, res);
    });
    const response = await post(url);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-request-id")).toBe("req-42");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual(INTERNAL_BODY);
    expect(text).not.toMatch(/BigInt|serialize/i);
  });

  it("hands the failure to next() under Express, so the app's error handler decides", async () => {
    const app = express();
    app.use((req, _res, next) => {
      brokenParser(req);
      next();
    });
    app.use(nodeProxy());
    const seen: unknown[] = [];
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      seen.push(error);
      res.status(500).json({ app: "handled" });
    });
    const response = await post(await serve(app));
    expect(await response.json()).toEqual({ app: "handled" });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(TypeError);
  });
});
