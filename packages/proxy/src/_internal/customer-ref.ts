/** The response header naming, opaquely, the customer an answer is for (see docs/protocol.md). */
export const CUSTOMER_REF_HEADER = "Credyt-Customer-Ref";

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * An opaque, stable reference to `customerId`: HMAC-SHA-256 keyed with a key derived from the proxy's
 * `apiKey`, truncated to 128 bits, base64url. The same on every backend instance (same key), different per
 * customer, and it reveals neither the id nor the key. The browser only compares it with the last one it saw,
 * so a cache can never show one customer's data to the next.
 */
export function customerRefs(apiKey: string): (customerId: string) => Promise<string> {
  let key: Promise<CryptoKey> | undefined;
  const cache = new Map<string, string>();
  return async (customerId) => {
    const known = cache.get(customerId);
    if (known !== undefined) return known;
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
