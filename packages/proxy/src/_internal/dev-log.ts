/** True when the server runs in production (`NODE_ENV=production`); false where there is no `process`. */
export function isProduction(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NODE_ENV === "production";
}

/**
 * Explains configuration refusals to the developer: each cause is logged once per proxy (so a
 * misconfigured page polling the wallet does not flood the log), and never in production, where the
 * log belongs to operators and `onEvent` already reports every refusal.
 */
export interface DevLog {
  /** Logs `message` the first time `cause` is seen, outside production. */
  once(cause: string, message: string): void;
}

/** Causes remembered per proxy; past this many, new ones are still logged but no longer deduplicated. */
const MAX_CAUSES = 1_000;

export function createDevLog(write: (message: string) => void = (m) => console.warn(m)): DevLog {
  const seen = new Set<string>();
  return {
    once(cause, message) {
      if (isProduction() || seen.has(cause)) return;
      if (seen.size < MAX_CAUSES) seen.add(cause);
      write(`[@credyt/proxy] ${message}`);
    },
  };
}
