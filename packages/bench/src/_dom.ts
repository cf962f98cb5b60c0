import { JSDOM } from "jsdom";

/** A jsdom window as the global environment, installed before React DOM is imported. */
export function installDom(url = "http://app.test/account"): { window: Window } {
  const dom = new JSDOM("<!doctype html><html><body></body></html>", { url, pretendToBeVisual: true });
  const g = globalThis as Record<string, unknown>;
  for (const key of [
    "window",
    "document",
    "navigator",
    "HTMLElement",
    "Node",
    "Event",
    "FocusEvent",
    "MouseEvent",
    "KeyboardEvent",
    "getComputedStyle",
    "requestAnimationFrame",
    "cancelAnimationFrame",
    "sessionStorage",
    "localStorage",
    "location",
    "history",
    "addEventListener",
    "removeEventListener",
    "dispatchEvent",
    "MutationObserver",
    "Element",
    "HTMLAnchorElement",
    "HTMLButtonElement",
  ]) {
    const value = (dom.window as unknown as Record<string, unknown>)[key];
    Object.defineProperty(g, key, {
      configurable: true,
      writable: true,
      value:
        typeof value === "function" && /^[a-z]/.test(key)
          ? (value as (...a: unknown[]) => unknown).bind(dom.window)
          : value,
    });
  }
  g.IS_REACT_ACT_ENVIRONMENT = true;
  return dom;
}
