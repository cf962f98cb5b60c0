/**
 * The proxy's server log. In development it explains configuration refusals (each cause once per
 * instance, so a misconfigured page polling the wallet does not flood the log) and writes a one-line
 * audit record per refused or money-moving request. Failures nobody could otherwise see (a throwing
 * `onEvent`, a broken configuration) are written everywhere.
 */
export interface DevLog {
  /** Logs `message` the first time `cause` is seen, in development only. */
  once(cause: string, message: string): void;
  /** One audit line (the caller decides when: `auditLog`). */
  audit(line: string): void;
  /** A failure the operator must see, in every mode (each distinct message once). */
  always(message: string): void;
}

/** Causes remembered per instance; past this many, new ones are still logged but no longer deduplicated. */
const MAX_CAUSES = 1_000;

export function createDevLog(
  dev: boolean,
  write: (message: string) => void = (m) => console.warn(m),
  writeError: (message: string) => void = (m) => console.error(m),
  writeAudit: (message: string) => void = (m) => console.info(m),
): DevLog {
  const seen = new Set<string>();
  const first = (cause: string) => {
    if (seen.has(cause)) return false;
    if (seen.size < MAX_CAUSES) seen.add(cause);
    return true;
  };
  return {
    once(cause, message) {
      if (dev && first(cause)) write(`[@credyt/proxy] ${message}`);
    },
    audit(line) {
      writeAudit(`[@credyt/proxy] ${line}`);
    },
    always(message) {
      if (first(`always:${message}`)) writeError(`[@credyt/proxy] ${message}`);
    },
  };
}
