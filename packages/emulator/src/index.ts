/**
 * @module @credyt/emulator
 * A faithful local Credyt API: a `(Request) => Promise<Response>` handler with customers, wallets,
 * adjustments, top-ups, billing portal sessions, assets and usage events, plus hosted checkout and
 * portal pages. No Node-only APIs: it runs on any Fetch runtime. For a real HTTP server use
 * `@credyt/emulator/node`.
 */

export { ADJUSTMENT_REASONS } from "./_internal/adjustment-reasons";
export { createEmulator, DEFAULT_API_KEY } from "./_internal/create-emulator";
export { DEFAULT_SEED, DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "./_internal/default-seed";
export { DEFAULT_READINGS, READING_CHOICES } from "./_internal/readings";
export { EmulatorSeedError } from "./_internal/seed-error";
export type {
  CredytApiAccount,
  CredytApiCustomer,
  CredytApiSubscription,
  CredytApiTopUp,
  CredytApiTopUpDestination,
  Emulator,
  EmulatorOptions,
  EmulatorReadings,
  EmulatorSeed,
  EmulatorSeedAccount,
  EmulatorSeedAsset,
  EmulatorSeedCustomer,
  EmulatorSeedPrice,
  EmulatorSeedProduct,
  EmulatorSnapshot,
  FaultRule,
  TopUpStatus,
} from "./_internal/types";
