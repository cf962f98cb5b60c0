/**
 * @module @credyt/react/testing
 * A test kit for your own tests and Storybook: a deterministic mock client, named fixtures for
 * every component state, and `MockCredytProvider`.
 */

export type { PendingTopUp } from "../_internal/return-flow";
export {
  demoWallet,
  fixtures,
  type MockErrors,
  type MockScenario,
  type MockScenarioName,
} from "../_internal/testing/fixtures";
export {
  createMockClient,
  type MockCall,
  type MockClientOptions,
  type MockCredytClient,
  resolveScenario,
} from "../_internal/testing/mock-client";
export { MockCredytProvider, type MockCredytProviderProps } from "../_internal/testing/mock-provider";
export { demoUsage, MOCK_NOW, type MockUsageOptions, summaryOf } from "../_internal/testing/mock-usage";
