/**
 * The shape of an asset code, as every Credyt UI package accepts it: a letter, then up to 31 letters,
 * digits, `_` or `-` (`USD`, `TOK`, `VIDGENMIN`, `gpu_min`). The proxy checks its `topUps.assets`
 * option and request bodies with it; the emulator checks its seed. Case is kept as given.
 */
export const ASSET_CODE_PATTERN: RegExp = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/** What {@link ASSET_CODE_PATTERN} means, for error messages. */
export const ASSET_CODE_RULE = "1-32 letters, digits, '_' or '-', starting with a letter";

/** True when `value` is a string of {@link ASSET_CODE_PATTERN}'s shape. */
export function isAssetCode(value: unknown): value is string {
  return typeof value === "string" && ASSET_CODE_PATTERN.test(value);
}
