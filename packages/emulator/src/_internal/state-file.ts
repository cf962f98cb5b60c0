import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { EmulatorSnapshot } from "./types";

/** Read a `--state` file, or undefined when it does not exist yet. Throws with the path on bad JSON. */
export function readStateFile(path: string): EmulatorSnapshot | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the state file ${path}: ${(error as Error).message}`);
  }
  const snap = parsed as Partial<EmulatorSnapshot>;
  if (snap.version !== 1 || typeof snap.secret !== "string" || typeof snap.store !== "object" || !snap.store) {
    throw new Error(`The state file ${path} is not an emulator state file (expected version 1).`);
  }
  return snap as EmulatorSnapshot;
}

/** Write a snapshot atomically: a temporary file beside the target, then a rename. */
function writeStateFile(path: string, snapshot: EmulatorSnapshot): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(snapshot, null, 2)}\n`);
  renameSync(temp, path);
}

/** Coalesce writes: at most one per tick, however many changes a burst of requests makes. */
export function createStateWriter(path: string, snapshot: () => EmulatorSnapshot) {
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    writeStateFile(path, snapshot());
  };
  return {
    schedule() {
      if (scheduled) return;
      scheduled = true;
      setImmediate(flush);
    },
    flush,
  };
}
