/**
 * @module @credyt/proxy/probe
 * `npx @credyt/proxy probe`: with a Credyt **test-mode** key, observe each behaviour Credyt does not
 * document (event order and filters, list fees, fee fields, top-up list, quote shape, external-id
 * look-up, override direction, error content type, timestamp digits), print what the proxy does about
 * it, and the `@credyt/emulator` `readings` that make local tests mirror that Credyt.
 */
import { checkTestMode, observe, type ProbeAccess } from "./_internal/probe/observe";
import { formatTable, type ProbeRow, probeReadings, probeRows } from "./_internal/probe/report";

export type { ProbeRow };

/** Options of {@link runProbe}. */
export interface ProbeOptions {
  /** A Credyt test-mode key (`key_…`); the probe refuses a live one, or one it cannot tell. */
  apiKey: string;
  /** @default "https://api.credyt.ai" */
  apiUrl?: string;
  /** A product code to subscribe the throwaway customer to, so its usage events carry fees. */
  product?: string;
  /** The event type the product prices (the probe's events send `data: { tokens: 1 }`). @default "credyt_ui_probe" */
  eventType?: string;
  /** The custom asset to quote and top up (unpaid). @default the first asset with a USD rate */
  asset?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** What the probe found: one row per unknown, and the emulator readings that match. */
export interface ProbeReport {
  rows: ProbeRow[];
  /** Pass as `createEmulator({ readings })` (or `--reading key=value`) to test against this Credyt. */
  readings: Record<string, string | number>;
}

/** Thrown when the key is live, or its mode cannot be told: the probe writes nothing then. */
export class ProbeRefusedError extends Error {
  override readonly name = "ProbeRefusedError";
}

/**
 * Runs the probe: checks the key is in test mode (the `live_mode` of a portal session's token), creates
 * two throwaway test customers, three usage events and three top-ups it never pays, and reads.
 *
 * @example
 * ```ts
 * import { runProbe } from "@credyt/proxy/probe";
 * const report = await runProbe({ apiKey: process.env.CREDYT_API_KEY! });
 * console.log(report.readings);
 * ```
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const access: ProbeAccess = {
    apiKey: options.apiKey,
    apiUrl: options.apiUrl ?? "https://api.credyt.ai",
    fetch: options.fetch ?? globalThis.fetch,
  };
  const mode = await checkTestMode(access);
  if (mode.live !== false) {
    throw new ProbeRefusedError(
      mode.live
        ? `Refusing to probe with a live key (${mode.why}). Use a test-mode key: the probe creates customers, events and top-ups.`
        : `Refusing to probe: cannot tell that the key is in test mode (${mode.why}). Create one customer in test mode first, or use a test-mode key.`,
    );
  }
  const observed = await observe(access, options);
  return { rows: probeRows(observed), readings: probeReadings(observed) };
}

/** The probe's printed output: the table, then the readings as JSON. */
export function formatProbeReport(report: ProbeReport): string {
  return `${formatTable(report.rows)}\n\nEmulator readings for this Credyt:\n${JSON.stringify(report.readings, null, 2)}`;
}

const USAGE = `Usage: npx @credyt/proxy probe [--product <code>] [--event-type <type>] [--asset <code>]

  Needs CREDYT_API_KEY set to a Credyt test-mode key (CREDYT_API_URL optional). Creates throwaway test
  customers, usage events and unpaid top-ups; prints what Credyt does where its documentation is silent.`;

/** The command line: `probe [--product …] [--event-type …] [--asset …]`; returns the exit code. */
export async function probeMain(
  argv: string[],
  env: Record<string, string | undefined>,
  log: (line: string) => void,
  options: { fetch?: typeof fetch } = {},
): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "probe" || rest.length % 2 !== 0) {
    log(USAGE);
    return command === "--help" || command === "-h" ? 0 : 2;
  }
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) flags.set(rest[i] as string, rest[i + 1] as string);
  const unknown = [...flags.keys()].filter((f) => !["--product", "--event-type", "--asset"].includes(f));
  const apiKey = env.CREDYT_API_KEY;
  if (unknown.length > 0 || !apiKey) {
    log(
      unknown.length > 0 ? `Unknown option ${unknown.join(", ")}.\n${USAGE}` : `CREDYT_API_KEY is not set.\n${USAGE}`,
    );
    return 2;
  }
  try {
    const report = await runProbe({
      apiKey,
      ...(env.CREDYT_API_URL ? { apiUrl: env.CREDYT_API_URL } : {}),
      ...(flags.has("--product") ? { product: flags.get("--product") } : {}),
      ...(flags.has("--event-type") ? { eventType: flags.get("--event-type") } : {}),
      ...(flags.has("--asset") ? { asset: flags.get("--asset") } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    log(formatProbeReport(report));
    return 0;
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
