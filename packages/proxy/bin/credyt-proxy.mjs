#!/usr/bin/env node
// `npx @credyt/proxy probe`: see the README's "Probing the real Credyt API".
import { probeMain } from "../dist/probe.js";

probeMain(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
