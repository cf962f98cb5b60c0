/**
 * A fetch whose host cancels the calls `cancels` picks: such a call rejects one macrotask later without
 * reaching Credyt, the others go through. The rejection carries the host's evidence, as the proxy requires
 * of a cancellation (a bare `AbortError` is a fetch's own timeout, see fetch-abort.test.ts): the shape of
 * Next.js's rejection of a fetch in a prerender it abandoned (`digest: "HANGING_PROMISE_REJECTION"`).
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
    throw Object.assign(new Error("During prerendering, fetch() rejects when the prerender is complete."), {
      digest: "HANGING_PROMISE_REJECTION",
    });
  };
  return { fetch: fetchFn as typeof fetch, log };
}
