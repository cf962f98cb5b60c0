import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A tiny Vite app root (an index.html) in a fresh temp dir, so tests never read the repo's own config. */
export function appRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "credyt-vite-"));
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>app</title><div id=app></div>\n");
  return root;
}

/** Collects what Vite's logger prints, for asserting the start-up line and fix-it messages. */
export function captureLogger() {
  const lines: string[] = [];
  const push = (message: string) => lines.push(message);
  const logger = {
    info: push,
    warn: push,
    warnOnce: push,
    error: push,
    clearScreen: () => {},
    hasErrorLogged: () => false,
    hasWarned: false,
  };
  return { lines, logger };
}

/** The form fields of an HTML page's first form with a `token`, and its action. */
export function formOf(html: string): { action: string; token: string } {
  return {
    action: /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? "",
    token: /name="token" value="([^"]+)"/.exec(html)?.[1] ?? "",
  };
}
