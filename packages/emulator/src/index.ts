/**
 * @module @credyt/emulator
 * A faithful local Credyt API: a `(Request) => Promise<Response>` handler with customers, wallets,
 * adjustments, top-ups, billing portal sessions, assets and usage events, plus hosted checkout and
 * portal pages. No Node-only APIs: it runs on any Fetch runtime. For a real HTTP server use
 * `@credyt/emulator/node`.
 */
export type { FaultRule } from "./_internal/context";
export {
  DEFAULT_SEED,
  DEMO_CUSTOMER_ID,
  type EmulatorSeed,
  EmulatorSeedError,
  SECOND_CUSTOMER_ID,
} from "./_internal/seed";
export type { TopUpStatus } from "./_internal/state";
export {
  createEmulator,
  DEFAULT_API_KEY,
  type Emulator,
  type EmulatorOptions,
  type EmulatorSnapshot,
} from "./emulator";
export { ADJUSTMENT_REASONS } from "./routes/wallet";
