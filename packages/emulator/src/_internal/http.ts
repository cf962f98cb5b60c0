import { traceId } from "./ids";

const PROBLEM_TYPES: Record<number, [string, string]> = {
  400: ["https://tools.ietf.org/html/rfc9110#section-15.5.1", "Bad Request"],
  404: ["https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found"],
  405: ["https://tools.ietf.org/html/rfc9110#section-15.5.6", "Method Not Allowed"],
  409: ["https://tools.ietf.org/html/rfc9110#section-15.5.10", "Conflict"],
  413: ["https://tools.ietf.org/html/rfc9110#section-15.5.14", "Content Too Large"],
  415: ["https://tools.ietf.org/html/rfc9110#section-15.5.16", "Unsupported Media Type"],
  422: ["https://tools.ietf.org/html/rfc9110#section-15.5.21", "One or more validation errors occurred."],
  429: ["https://tools.ietf.org/html/rfc6585#section-4", "Too Many Requests"],
  500: ["https://tools.ietf.org/html/rfc9110#section-15.6.1", "An error occurred while processing your request."],
  502: ["https://tools.ietf.org/html/rfc9110#section-15.6.3", "Bad Gateway"],
  503: ["https://tools.ietf.org/html/rfc9110#section-15.6.4", "Service Unavailable"],
};

/** A JSON response the way Credyt sends one. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** An RFC 9457 problem details response (ASP.NET's `ProblemDetails` / `ValidationProblem`). */
export function problem(
  status: number,
  detail?: string,
  extra: { errors?: Record<string, string[]>; headers?: Record<string, string> } = {},
): Response {
  const [type, title] = PROBLEM_TYPES[status] ?? ["about:blank", "Error"];
  const body: Record<string, unknown> = { type, title, status };
  if (detail) body.detail = detail;
  if (extra.errors) body.errors = extra.errors;
  body.traceId = traceId();
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json; charset=utf-8", ...extra.headers },
  });
}

/** A 422 with one field error. */
export function fieldError(field: string, message: string): Response {
  return problem(422, undefined, { errors: { [field]: [message] } });
}

/** Why a request body could not be read as JSON. */
export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/** The largest request body the emulator accepts (413 above it). */
const MAX_BODY_BYTES = 1_000_000;

/** Read a JSON request body: 415 for another media type, 413 when too large, 400 when it does not parse. */
export async function readJsonBody(request: Request): Promise<BodyResult> {
  const type = request.headers.get("content-type") ?? "";
  const mediaType = type.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!/^application\/([a-z0-9.+-]+\+)?json$/.test(mediaType)) {
    return { ok: false, response: problem(415, "Send the body as application/json.") };
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES)
    return { ok: false, response: problem(413, `The body exceeds ${MAX_BODY_BYTES} bytes.`) };
  let text: string;
  try {
    text = await request.text();
  } catch {
    return { ok: false, response: problem(400, "The request body could not be read.") };
  }
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) {
    return { ok: false, response: problem(413, `The body exceeds ${MAX_BODY_BYTES} bytes.`) };
  }
  if (text.trim() === "") return { ok: false, response: problem(400, "A JSON request body is required.") };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, response: problem(400, `The JSON body could not be parsed: ${(error as Error).message}`) };
  }
}
