/** Thrown by `createEmulator` (and the CLI) when a seed is invalid; the message names the field. */
export class EmulatorSeedError extends Error {
  /** The first offending field, e.g. `customers[0].accounts[1].available`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(`Invalid emulator seed: ${field ? `${field}: ` : ""}${message}`);
    this.name = "EmulatorSeedError";
    this.field = field;
  }
}
