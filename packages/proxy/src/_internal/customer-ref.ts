/** The response header naming, opaquely, the customer an answer is for (see docs/protocol.md). */
export const CUSTOMER_REF_HEADER = "Credyt-Customer-Ref";

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * An opaque, stable reference to `customerId`: HMAC-SHA-256 keyed with a key derived from the proxy's
 * `apiKey`, truncated to 128 bits, base64url. The same on every backend instance (same key), different per
 * customer, and it reveals neither the id nor the key. The browser only compares it with the last one it saw,
 * so a cache can never show one customer's data to the next.
 */
export function customerRefs(apiKey: string): (customerId: string) => string | Promise<string> {
  let key: Promise<CryptoKey> | undefined;
  const cache = new Map<string, string>();
  const sync = nodeHmac(`credyt-customer-ref:${apiKey}`);
  const subtle = async (customerId: string): Promise<string> => {
    key ??= crypto.subtle.importKey(
      "raw",
      encoder.encode(`credyt-customer-ref:${apiKey}`),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key, encoder.encode(customerId)));
    let binary = "";
    for (const byte of mac.subarray(0, 16)) binary += String.fromCharCode(byte);
    const ref = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    // Bounded: a busy server sees many customers; the cache only saves one HMAC per request.
    if (cache.size >= 10_000) cache.clear();
    cache.set(customerId, ref);
    return ref;
  };
  // Synchronous where `node:crypto` is at hand: no promise, no microtask, on every request.
  return (customerId) => {
    const known = cache.get(customerId);
    if (known !== undefined) return known;
    if (!sync) return subtle(customerId);
    const ref = sync(customerId);
    if (cache.size >= 10_000) cache.clear();
    cache.set(customerId, ref);
    return ref;
  };
}

const nextTurn = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;

/**
 * `make()`, run once the current turn's I/O went out (`setImmediate`, where the runtime has it): work the
 * answer needs but the upstream call does not (the customer reference) then overlaps Credyt's wait instead of
 * delaying the call. Without `setImmediate`, right after the pending microtasks.
 */
export function afterDispatch<T>(make: () => T | Promise<T>): Promise<T> {
  if (typeof nextTurn !== "function") return Promise.resolve().then(make);
  return new Promise<T>((resolve, reject) => {
    nextTurn(() => {
      try {
        resolve(make());
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * The same reference computed synchronously with `node:crypto` where the runtime offers it without an
 * import (`process.getBuiltinModule`, Node ≥ 20.16): WebCrypto's `sign` costs a thread-pool round trip and
 * about ten times the CPU, on every request of a customer not seen lately (issue 26's profile). Elsewhere
 * (Workers, Deno, Bun without it) `undefined`, and WebCrypto is used.
 */
function nodeHmac(key: string): ((data: string) => string) | undefined {
  type Digest = { subarray(start: number, end: number): { toString(encoding: "base64url"): string } };
  type NodeCrypto = {
    createSecretKey(key: Uint8Array): unknown;
    createHmac(algorithm: string, key: unknown): { update(data: string): { digest(): Digest } };
  };
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  try {
    const crypto = typeof getBuiltin === "function" ? (getBuiltin("node:crypto") as NodeCrypto | undefined) : undefined;
    if (typeof crypto?.createHmac !== "function" || typeof crypto.createSecretKey !== "function") return undefined;
    const { createHmac } = crypto;
    const secret = crypto.createSecretKey(encoder.encode(key));
    // A Buffer's base64url has no padding, as the WebCrypto path's output.
    return (data) => createHmac("sha256", secret).update(data).digest().subarray(0, 16).toString("base64url");
  } catch {
    return undefined;
  }
}

/** `response` with the customer reference set (a copy when its headers are immutable). */
export function withCustomerRef(response: Response, ref: string): Response {
  try {
    response.headers.set(CUSTOMER_REF_HEADER, ref);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(CUSTOMER_REF_HEADER, ref);
    return copy;
  }
}
