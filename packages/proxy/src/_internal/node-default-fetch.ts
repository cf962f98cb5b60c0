import { UPSTREAM_TIMEOUT_MS } from "./upstream";
import { createUpstreamFetch } from "./upstream-pool";

/**
 * The Node builds' default `fetch` for an instance: a bounded keep-alive pool ({@link createUpstreamFetch}),
 * created on the first call to Credyt (an instance that never calls Credyt opens no pool), one per instance.
 * It bounds each call by itself, as the pool does (the `UPSTREAM_TIMEOUT_MS` mark).
 */
function lazyUpstreamFetch(): typeof fetch {
  let pool: typeof fetch | undefined;
  const upstreamFetch = (input: RequestInfo | URL, init?: RequestInit) => {
    pool ??= createUpstreamFetch();
    return pool(input, init);
  };
  return Object.assign(upstreamFetch as typeof fetch, { [UPSTREAM_TIMEOUT_MS]: true });
}

/**
 * The options with the pool as their `fetch` when they name none: an explicit `fetch` always wins
 * (`fetch: globalThis.fetch` is the way back to Node's global fetch). Anything but an object is passed on
 * as is, for the factory to report.
 */
export function withUpstreamPool<Options>(options: Options): Options {
  if (typeof options !== "object" || options === null) return options;
  if ((options as { fetch?: unknown }).fetch !== undefined) return options;
  return { ...options, fetch: lazyUpstreamFetch() };
}

/**
 * A factory of the Fetch builds (`createCredyt`, a `createCredytProxy`) as the Node builds export it: the
 * same function, its options given the pool when they name no `fetch`. Same signature, same types.
 */
export function onNode<Factory extends (options: never) => unknown>(factory: Factory): Factory {
  return ((options: unknown) => factory(withUpstreamPool(options) as never)) as unknown as Factory;
}
