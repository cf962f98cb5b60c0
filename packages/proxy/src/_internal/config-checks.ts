/** Shared checks of the options, with messages that say what to fix. */
import { isObject } from "./is-object";

/** True when `text` has a C0 control character or DEL. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** A thrower of `TypeError`s that name the factory whose options are wrong (`createRedisStores: …`). */
export function optionFailure(factory: string): (message: string) => never {
  return (message) => {
    throw new TypeError(`${factory}: ${message}`);
  };
}

/** Fails `createCredyt`'s option checks. */
export const fail: (message: string) => never = optionFailure("createCredyt");

/** setTimeout fires at once for delays over 2^31-1 ms, which would time out every call. */
const MAX_TIMER_MS = 2_147_483_647;

/** Checks a positive whole number of milliseconds that a timer can wait. */
export function checkMilliseconds(value: unknown, name: string, fix: (message: string) => never): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > MAX_TIMER_MS)
    fix(`\`${name}\` must be a positive integer (milliseconds) up to ${MAX_TIMER_MS}, got ${show(value)}.`);
  return value;
}

export function checkMethods(value: unknown, name: string, methods: string[], example: string): void {
  if (!isObject(value) || methods.some((method) => typeof value[method] !== "function"))
    fail(`\`${name}\` must implement ${methods.map((m) => `\`${m}\``).join(", ")}, e.g. ${example}.`);
}

/** Quotes strings, prints the rest plainly, for error messages. */
export function show(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : Array.isArray(value) ? "an array" : String(value);
}
