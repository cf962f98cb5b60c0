import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "./default-seed";
import { parseReadingArgument } from "./readings";
import { startEmulator } from "./start-emulator";
import { createStateWriter, readStateFile } from "./state-file";
import type { EmulatorReadings, RunningEmulator } from "./types";

const USAGE = `Usage: credyt-emulator [options]

  --port <n>          port to listen on (default 4010; 0 = any free port)
  --host <addr>       interface to bind (default 127.0.0.1)
  --seed <file>       seed JSON file, or "default" / "empty" (default "default")
  --state <file>      keep data in this JSON file across restarts (atomic writes)
  --api-key <key>     accepted X-CREDYT-API-KEY (repeatable; default key_test_emulator)
  --public-url <url>  base URL for hosted-page links (default: the server's URL)
  --top-up-ttl <ms>   how long an unpaid top-up lives before it expires (default 86400000, 24 hours)
  --reading <k=v>     play one undocumented Credyt behaviour differently (repeatable), such as
                      --reading eventsOrder=oldest-first; see the README's readings table
  --admin             enable the /__emulator/* admin routes (reset, clock, checkout, faults); off by default
  --no-admin          accepted for compatibility; admin routes are already off unless --admin is given
  -h, --help          show this help`;

/** Parse CLI arguments and start the emulator; returns the running server. Throws on bad arguments or seed. */
export async function runCli(argv: string[], log: (line: string) => void = () => {}): Promise<RunningEmulator> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string", default: "default" },
      state: { type: "string" },
      "api-key": { type: "string", multiple: true },
      "public-url": { type: "string" },
      "top-up-ttl": { type: "string" },
      reading: { type: "string", multiple: true },
      admin: { type: "boolean", default: false },
      "no-admin": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    log(USAGE);
    throw new CliExit(0);
  }
  if (values.admin && values["no-admin"]) throw new Error("--admin and --no-admin cannot be combined.");
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got '${values.port}'.`);
  const ttl = values["top-up-ttl"] === undefined ? undefined : Number(values["top-up-ttl"]);
  if (ttl !== undefined && !(/^\d+$/.test(values["top-up-ttl"] ?? "") && ttl > 0 && Number.isSafeInteger(ttl))) {
    throw new Error(`--top-up-ttl must be a positive number of milliseconds, got '${values["top-up-ttl"]}'.`);
  }
  let seed: unknown = values.seed;
  if (values.seed !== "default" && values.seed !== "empty") {
    try {
      seed = JSON.parse(readFileSync(values.seed, "utf8"));
    } catch (error) {
      throw new Error(`Cannot read the seed file ${values.seed}: ${(error as Error).message}`);
    }
  }
  const readings: EmulatorReadings = {};
  for (const text of values.reading ?? []) parseReadingArgument(text, readings);
  const state = values.state ? readStateFile(values.state) : undefined;
  let writer: ReturnType<typeof createStateWriter> | undefined;
  const running = await startEmulator({
    port,
    host: values.host,
    seed: seed as "default",
    admin: values.admin,
    ...(values["api-key"] ? { apiKeys: values["api-key"] } : {}),
    ...(values["public-url"] ? { publicUrl: values["public-url"] } : {}),
    ...(ttl !== undefined ? { topUpTtlMs: ttl } : {}),
    ...(values.reading ? { readings } : {}),
    ...(state ? { state } : {}),
    onChange: () => writer?.schedule(),
  });
  if (values.state) {
    writer = createStateWriter(values.state, () => running.emulator.snapshot());
    writer.flush();
  }
  // The printed URL is exactly the one hosted-page links use: localhost and 127.0.0.1 are different
  // origins, and a browser sent to the one not shown is refused by redirect allowlists.
  const url = running.url;
  log(`Credyt emulator listening on ${url}`);
  if (values["public-url"]) log(`Hosted pages at ${values["public-url"].replace(/\/+$/, "")} (--public-url)`);
  log(`API key: ${running.apiKey}   (send it as X-CREDYT-API-KEY)`);
  if (seed === "default") log(`Demo customers: ${DEMO_CUSTOMER_ID} (demo), ${SECOND_CUSTOMER_ID} (demo-2)`);
  if (values.state) log(`State file: ${values.state}`);
  if (values.reading) log(`Readings: ${JSON.stringify(readings)}`);
  log(
    values.admin
      ? `Admin routes: on (${url}/__emulator/*, no API key needed)`
      : "Admin routes: off (start with --admin to enable /__emulator/*)",
  );
  const close = running.close;
  return {
    ...running,
    close: async () => {
      writer?.flush();
      await close();
    },
  };
}

/** Thrown to end the CLI with an exit code (e.g. after --help). */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
