#!/usr/bin/env node
/**
 * @module @credyt/emulator/cli
 * `credyt-emulator [--port 4010] [--seed file.json] [--state file.json]`: run the emulator from a terminal.
 */
import { CliExit, runCli } from "./_internal/run-cli";

runCli(process.argv.slice(2), (line) => console.log(line)).then(
  (running) => {
    const stop = () => {
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  },
  (error: unknown) => {
    if (error instanceof CliExit) process.exit(error.code);
    console.error(`credyt-emulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
