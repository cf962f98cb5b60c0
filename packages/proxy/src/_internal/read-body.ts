import { CredytError } from "@credyt/core";

/** Largest request body accepted; top-up bodies are a few hundred bytes. */
const MAX_BODY_BYTES = 16 * 1024;

/** `POST` bodies must be JSON: this is also what keeps plain HTML forms (CSRF) out. */
export function requireJson(headers: Headers): void {
  const type = headers.get("content-type");
  const match = type === null ? null : /^\s*application\/json\s*(?:;\s*charset\s*=\s*"?([^";\s]+)"?\s*)?$/i.exec(type);
  if (!match || (match[1] !== undefined && match[1].toLowerCase() !== "utf-8")) {
    throw new CredytError("unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
  }
}

/**
 * The browser went away while its body was being read (a closed tab, a dropped connection). Not a
 * server fault: the proxy reports it as `request.aborted` (499) and nobody reads the answer.
 */
export class ClientClosedRequest extends Error {
  override readonly name = "ClientClosedRequest";
}

function tooLarge(): CredytError {
  return new CredytError("payload_too_large", `The body must be at most ${MAX_BODY_BYTES} bytes.`);
}

/** Reads the body as UTF-8 text, stopping as soon as it passes the size cap. */
export async function readBody(request: Request): Promise<string> {
  const length = request.headers.get("content-length");
  if (length !== null && /^\d+$/.test(length) && Number(length) > MAX_BODY_BYTES) throw tooLarge();
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      throw new ClientClosedRequest("the client closed the connection before its body was read", { cause });
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new CredytError("bad_request", "The body is not valid UTF-8.", { cause });
  }
}

/** Parses a JSON object body; an empty body counts as `{}`. */
export function parseObject(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CredytError("bad_request", "The body is not valid JSON.", { cause });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CredytError("invalid_request", "The body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}
