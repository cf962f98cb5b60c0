// Type-level checks (run by `tsc`): each adapter hands getCustomerId its framework's own context.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context } from "hono";
import { describe, expectTypeOf, it } from "vitest";
import { createCredytProxy as honoProxy } from "../src/hono";
import { type CredytProxyLive, createCredytProxy as fetchProxy } from "../src/index";
import { type NextRouteContext, createCredytProxy as nextProxy } from "../src/next";
import { createCredytProxy as nodeProxy } from "../src/node";

describe("adapter types", () => {
  it("types ctx per adapter and returns the framework's handler shape", () => {
    const fetchHandler = fetchProxy({
      apiKey: "key_x",
      getCustomerId: (ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<{ request: Request }>();
        return null;
      },
    });
    expectTypeOf(fetchHandler).toEqualTypeOf<
      ((request: Request, ctx?: { request: Request }) => Promise<Response>) & CredytProxyLive
    >();
    expectTypeOf(fetchHandler.notify).toEqualTypeOf<(customerId: string) => Promise<void>>();

    const node = nodeProxy({
      apiKey: "key_x",
      getCustomerId: (ctx) => {
        expectTypeOf(ctx.req).toEqualTypeOf<IncomingMessage>();
        expectTypeOf(ctx.res).toEqualTypeOf<ServerResponse>();
        return null;
      },
    });
    expectTypeOf(node).parameters.toEqualTypeOf<[IncomingMessage, ServerResponse, ((error?: unknown) => void)?]>();

    const next = nextProxy({ apiKey: "key_x", getCustomerId: ({ request }) => request.headers.get("x") });
    expectTypeOf(next.GET).toEqualTypeOf<(request: Request, context?: NextRouteContext) => Promise<Response>>();
    expectTypeOf(next.POST).toEqualTypeOf<(request: Request, context?: NextRouteContext) => Promise<Response>>();

    const hono = honoProxy({
      apiKey: "key_x",
      getCustomerId: (c) => {
        expectTypeOf(c).toEqualTypeOf<Context>();
        return null;
      },
    });
    expectTypeOf(hono).toEqualTypeOf<((c: Context) => Promise<Response>) & CredytProxyLive>();
    expectTypeOf(node.notify).toEqualTypeOf<(customerId: string) => Promise<void>>();
    expectTypeOf(next.notify).toEqualTypeOf<(customerId: string) => Promise<void>>();
  });
});
