/**
 * A fetch whose host cancels the calls `cancels` picks: such a call rejects with an `AbortError` one
 * macrotask later without reaching Credyt (as a runtime's abandoned request would), the others go through.
 * `log` records, in order, each call's start and each cancellation. Used by the cancelled-* tests.
 */
export function hostFetch(cancels: (call: number, init: RequestInit | undefined) => boolean) {
  const log: string[] = [];
  let calls = 0;
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call = ++calls;
    log.push(`start ${call} ${init?.method ?? "GET"}`);
    if (!cancels(call, init)) return fetch(input, init);
    await new Promise((resolve) => setImmediate(resolve));
    log.push(`cancel ${call}`);
    throw new DOMException("This operation was aborted", "AbortError");
  };
  return { fetch: fetchFn as typeof fetch, log };
}
