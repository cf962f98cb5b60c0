#!/usr/bin/env node
// `npx @credyt/proxy probe`: see the README's "Probing the real Credyt API".
import { probeMain } from "../dist/probe.js";

probeMain(process.argv.slice(2), process.env, (line) => console.log(line)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
