import { type ReactNode, useContext, useMemo } from "react";
import { CredytContext } from "../context";
import { CredytProvider, type CredytProviderProps } from "../provider";
import type { MockScenario, MockScenarioName } from "./fixtures";
import { createMockClient, type MockClientOptions, type MockCredytClient } from "./mock-client";

/** Props of {@link MockCredytProvider}: the provider's, plus the mock client's options. */
export interface MockCredytProviderProps extends Omit<CredytProviderProps, "client" | "baseUrl" | "fetch"> {
  /** A built-in scenario name or your own. @default "ready" */
  scenario?: MockScenarioName | MockScenario;
  /** Your own mock (to read `calls`); otherwise one is made from the other props. */
  client?: MockCredytClient;
  /** Milliseconds each mock call takes (the mock client's `delayMs`). */
  delayMs?: MockClientOptions["delayMs"];
  /** Calls that fail, and how (overrides the scenario's). */
  errors?: MockClientOptions["errors"];
  /** The wallet the mock answers with (overrides the scenario's). */
  wallet?: MockClientOptions["wallet"];
}

function ReturnOverride(props: { scenario: MockScenario; children?: ReactNode }): ReactNode {
  const ctx = useContext(CredytContext);
  const status = props.scenario.returnStatus;
  const value = useMemo(
    () => (ctx && status ? { ...ctx, returnStatus: status, returnTopUp: props.scenario.returnTopUp } : ctx),
    [ctx, status, props.scenario.returnTopUp],
  );
  return <CredytContext.Provider value={value}>{props.children}</CredytContext.Provider>;
}

/**
 * `CredytProvider` over a mock client (its own cache, so nothing leaks between tests or stories),
 * that never leaves the page: every redirect is prevented, then handed to your `onRedirect` (to assert on it).
 *
 * @example
 * render(
 *   <MockCredytProvider scenario="overdraft">
 *     <WalletBalance />
 *   </MockCredytProvider>,
 * );
 */
export function MockCredytProvider(props: MockCredytProviderProps): ReactNode {
  const { scenario, client: given, delayMs, errors, wallet, children, onRedirect, ...rest } = props;
  // A new scenario (a Storybook control, say) starts a new client and so a fresh cache.
  const client = useMemo(
    () => given ?? createMockClient({ scenario, delayMs, errors, wallet }),
    [given, scenario, delayMs, errors, wallet],
  );
  return (
    // Its own cache, started again for each new client: the cache key is the base URL, which
    // every mock client shares.
    <CredytProvider
      key={idOf(client)}
      client={client}
      onRedirect={(url, event) => {
        event.preventDefault();
        onRedirect?.(url, event);
      }}
      cache="isolated"
      {...rest}
    >
      <ReturnOverride scenario={client.scenario}>{children}</ReturnOverride>
    </CredytProvider>
  );
}

const ids = new WeakMap<object, number>();
let nextId = 0;
function idOf(client: object): number {
  let id = ids.get(client);
  if (id === undefined) {
    id = ++nextId;
    ids.set(client, id);
  }
  return id;
}
