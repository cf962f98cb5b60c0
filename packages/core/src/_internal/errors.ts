/**
 * Every error code the wire protocol knows, mapped to the HTTP status it travels with.
 *
 * Codes with status `0` are produced by the browser client itself: the proxy could not be reached
 * (`network_error`), did not answer within the client's `timeoutMs` (`timeout`), or answered something
 * that is not the protocol or a redirect the client refuses (`invalid_response`). The proxy also sends
 * `invalid_response` with HTTP 502 when Credyt's `redirect_url` is not a Credyt address.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_request: 422,
  rate_limited: 429,
  internal: 500,
  upstream_error: 502,
  unavailable: 503,
  upstream_timeout: 504,
  network_error: 0,
  timeout: 0,
  invalid_response: 0,
} as const;

/** A code from the protocol's error catalogue (see `docs/protocol.md`). */
export type CredytErrorCode = keyof typeof ERROR_STATUS;

/** Per-field messages of an `invalid_request`, keyed by the request field's wire name. */
export type CredytErrorDetails = Record<string, string[]>;

/** The error body every protocol endpoint answers with: `{ "error": { code, message, details? } }`. */
export interface WireErrorBody {
  /** The error: a catalogue `code`, a human-readable `message` (English, for logs) and optional `details`. */
  error: { code: CredytErrorCode; message: string; details?: CredytErrorDetails };
}

/** Options of the {@link CredytError} constructor. */
export interface CredytErrorOptions {
  /** HTTP status; defaults to the catalogue's status for `code`. */
  status?: number;
  /** Machine-readable context, such as the field a validation failed on (`{ amount: "min" }`). */
  details?: CredytErrorDetails;
  /** The underlying error (a network failure, a parse error), as `Error`'s `cause`. */
  cause?: unknown;
  /** Seconds to wait before retrying, from `Retry-After` (for `rate_limited` and `unavailable`). */
  retryAfter?: number;
}

/**
 * The one error type of every Credyt package: a catalogue `code`, the HTTP `status`, a human message,
 * and per-field `details` for validation failures.
 */
export class CredytError extends Error {
  /** Always `"CredytError"` (how `isCredytError` recognises one from another copy of this package). */
  override readonly name = "CredytError";
  /** The catalogue's code (`unauthorized`, `invalid_request`, …): see docs/protocol.md. */
  readonly code: CredytErrorCode;
  /** The HTTP status it came with; `0` for the client's own `network_error` and `timeout`. */
  readonly status: number;
  /** Per-field reasons of an `invalid_request`, keyed by the request field's wire name. */
  readonly details: CredytErrorDetails | undefined;
  /** Seconds to wait before trying again (`Retry-After`), when the server said. */
  readonly retryAfter: number | undefined;

  constructor(code: CredytErrorCode, message: string, options: CredytErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? ERROR_STATUS[code];
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  /** The protocol's JSON body for this error. */
  toJSON(): WireErrorBody {
    const error: WireErrorBody["error"] = { code: this.code, message: this.message };
    if (this.details) error.details = this.details;
    return { error };
  }
}

/** True for a `CredytError`, including one from another copy of this package. */
export function isCredytError(value: unknown): value is CredytError {
  return (
    value instanceof CredytError ||
    (typeof value === "object" &&
      value !== null &&
      (value as { name?: unknown }).name === "CredytError" &&
      isErrorCode((value as { code?: unknown }).code))
  );
}

/** True when `value` is a code of the catalogue. */
export function isErrorCode(value: unknown): value is CredytErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_STATUS, value);
}

/**
 * The catalogue's code for an HTTP status, for a response whose body is not the protocol's error shape:
 * the first code of {@link ERROR_STATUS} with that status (`400` → `bad_request`, `500` → `internal`),
 * else `internal` for any other 5xx and `bad_request` for anything else.
 */
export function errorCodeForStatus(status: number): CredytErrorCode {
  for (const [code, codeStatus] of Object.entries(ERROR_STATUS) as [CredytErrorCode, number][]) {
    if (codeStatus === status && status !== 0) return code;
  }
  return status >= 500 ? "internal" : "bad_request";
}

/** True for codes where trying the same request again later can succeed. */
export function isRetryableError(error: CredytError): boolean {
  return (
    error.code === "network_error" ||
    error.code === "timeout" ||
    error.code === "rate_limited" ||
    error.code === "upstream_error" ||
    error.code === "upstream_timeout" ||
    error.code === "unavailable" ||
    error.code === "internal"
  );
}
