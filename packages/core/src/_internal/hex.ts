/**
 * Lower-case hex of some bytes (`Uint8Array.of(0, 255)` → `"00ff"`), for ids and digests on every
 * runtime (no `Buffer` on workerd or in browsers).
 */
export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = "";
  for (const byte of view) out += byte.toString(16).padStart(2, "0");
  return out;
}
