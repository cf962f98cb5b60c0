/**
 * The playground's settings, read once from the environment. Everything has a default, so `pnpm dev`
 * needs no configuration; `CREDYT_API_KEY` + `CREDYT_API_URL` switch from the emulator to the real Credyt.
 */
import { randomBytes } from "node:crypto";

/** A customer the sign-in page offers. `externalId` is the customer's `external_id` in Credyt. */
export interface DemoCustomer {
  externalId: string;
  name: string;
}

/** The demo customers of the emulator's default seed. */
export const DEMO_CUSTOMERS: DemoCustomer[] = [
  { externalId: "demo", name: "Demo Customer" },
  { externalId: "demo-2", name: "Second Customer" },
];

export interface PlaygroundConfig {
  /** Port of the app server (`PORT`). */
  port: number;
  /** Interface the servers bind (`HOST`). */
  host: string;
  /** Port of the embedded emulator (`EMULATOR_PORT`); unused with a real Credyt. */
  emulatorPort: number;
  /** Set when `CREDYT_API_KEY` and `CREDYT_API_URL` point at the real Credyt. */
  credyt?: { apiKey: string; apiUrl: string };
  /** Signs the session cookie (`SESSION_SECRET`, else random per process: a restart signs everyone out). */
  sessionSecret: string;
  /** The usage event "generate video" sends (`PLAYGROUND_EVENT_TYPE`). */
  eventType: string;
}

/** A setting the user can fix; entry points print its message alone, without a stack. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name}=${raw} is not a port number (0-65535).`);
  }
  return value;
}

/** Reads the environment; throws a one-line message when a value is unusable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): PlaygroundConfig {
  const apiKey = env.CREDYT_API_KEY?.trim();
  const apiUrl = env.CREDYT_API_URL?.trim();
  if (Boolean(apiKey) !== Boolean(apiUrl)) {
    throw new ConfigError(
      "Set both CREDYT_API_KEY and CREDYT_API_URL to use the real Credyt, or neither to use the emulator.",
    );
  }
  return {
    port: port(env, "PORT", 5173),
    host: env.HOST?.trim() || "localhost",
    emulatorPort: port(env, "EMULATOR_PORT", 5174),
    ...(apiKey && apiUrl ? { credyt: { apiKey, apiUrl: apiUrl.replace(/\/+$/, "") } } : {}),
    sessionSecret: env.SESSION_SECRET || randomBytes(32).toString("hex"),
    eventType: env.PLAYGROUND_EVENT_TYPE || "video_generated",
  };
}
