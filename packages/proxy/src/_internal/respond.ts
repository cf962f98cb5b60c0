import { CredytError } from "@credyt/core";
import type { StoredResponse } from "./stores";

/** The headers every JSON answer carries: nothing is cacheable, nothing is sniffed, the request id. */
export function jsonHeaders(requestId: string, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Request-Id": requestId,
  };
  for (const name in extra) headers[name] = extra[name] as string;
  return headers;
}

/**
 * A JSON response from exact body text (upstream bodies are forwarded verbatim), with {@link jsonHeaders}.
 * A plain object, not a `Headers` instance: the Response copies it once either way, and this is the hot
 * path of every request.
 */
export function jsonText(
  status: number,
  body: string,
  requestId: string,
  extra: Record<string, string> = {},
): Response {
  const response = new Response(body, { status, headers: jsonHeaders(requestId, extra) });
  (response as BodyText)[BODY_TEXT] = body;
  return response;
}

/**
 * The exact text of a body made by {@link jsonText}, kept beside its stream: the Node adapter writes it
 * without reading the stream back (reading a web stream cost about as much as making the answer).
 */
const BODY_TEXT: unique symbol = Symbol("credyt.body-text") as never;
type BodyText = Response & { [BODY_TEXT]?: string };

/** The text {@link jsonText} made `response` from, or `undefined` for any other response. */
export function bodyTextOf(response: Response): string | undefined {
  return (response as BodyText)[BODY_TEXT];
}

/** The protocol's error body for `error`, with `Retry-After` when it has one. */
export function errorResponse(error: CredytError, requestId: string, extra: Record<string, string> = {}): Response {
  const stored = storedError(error);
  return jsonText(stored.status, stored.body, requestId, { ...extra, ...stored.headers });
}

/**
 * The one answer to a failure the proxy did not foresee (a throwing store, a bug): `500 internal` with a
 * message that is true for the customer. The cause goes to `onEvent` and the logs, never to the browser.
 */
export function internalError(cause?: unknown): CredytError {
  return new CredytError("internal", "Something went wrong on the billing server.", { cause });
}

/** A stored form of an error, for idempotent replay. */
export function storedError(error: CredytError): StoredResponse {
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) headers["Retry-After"] = String(error.retryAfter);
  return { status: error.status, headers, body: JSON.stringify(error.toJSON()) };
}

export function replay(stored: StoredResponse, requestId: string): Response {
  return jsonText(stored.status, stored.body, requestId, { ...stored.headers, "Idempotent-Replayed": "true" });
}

/** Thrown for a method the route does not serve; carries the `Allow` header. */
export class MethodNotAllowed extends CredytError {
  readonly allow: string;
  constructor(allow: string) {
    super("method_not_allowed", `Use ${allow} for this route.`);
    this.allow = allow;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is a plain token, else a new UUID. */
export function requestIdFrom(headers: Headers): string {
  return requestIdOf(headers.get("x-request-id"));
}

/** {@link requestIdFrom} for a header value as a framework gives it (Node: a string, a list or nothing). */
export function requestIdOf(incoming: string | string[] | null | undefined): string {
  return typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}
