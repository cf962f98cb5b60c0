/**
 * @module @credyt/emulator/node
 * Serve the emulator over real HTTP with Node's `http` module.
 */
export { createEmulator, DEFAULT_API_KEY } from "./_internal/create-emulator";
export { startEmulator } from "./_internal/start-emulator";
export type { Emulator, EmulatorOptions, RunningEmulator, StartEmulatorOptions } from "./_internal/types";
