// Issue 13, "typed for Express": the Node adapter's context is generic over the request type, so an
// Express app reads `req.session` with Express's own types and no cast. Checked by `tsc` (typecheck).
import express, { type Request, type Response } from "express";
import { describe, expectTypeOf, it } from "vitest";
import { createCredytProxy } from "../src/node";

// What express-session (or passport) does: augment Express's Request.
declare global {
  namespace Express {
    interface Request {
      session: { credytCustomerId?: string };
    }
  }
}

describe("Express types", () => {
  it("getCustomerId: ({ req }) => req.session.credytCustomerId type-checks with createCredytProxy<Request>", () => {
    const proxy = createCredytProxy<Request, Response>({
      apiKey: "key_x",
      getCustomerId: ({ req, res }) => {
        expectTypeOf(req).toEqualTypeOf<Request>();
        expectTypeOf(res).toEqualTypeOf<Response>();
        return req.session.credytCustomerId ?? null;
      },
    });
    const app = express();
    app.use(proxy);
    expectTypeOf(proxy).parameter(0).toEqualTypeOf<Request>();
  });

  it("infers the request type from app.use's own parameter (no type argument needed)", () => {
    const app = express();
    app.use(
      createCredytProxy({
        apiKey: "key_x",
        getCustomerId: ({ req }) => req.session.credytCustomerId ?? null,
      }),
    );
  });
});
