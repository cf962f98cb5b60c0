import { CredytError, isCredytError } from "@credyt/core";

/** Keeps a `CredytError` as is; wraps anything else (a throwing `onRedirect`, say) as `internal`. */
export function toCredytError(error: unknown): CredytError {
  if (isCredytError(error)) return error;
  return new CredytError("internal", error instanceof Error ? error.message : String(error), { cause: error });
}
