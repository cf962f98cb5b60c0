import { existsSync } from "node:fs";

/** Flags that keep Debian's Chromium quiet and offline in tests. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none",
];

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/**
 * The Chromium executable on this machine, or `undefined`: `$CHROMIUM_PATH` when set (and it exists),
 * else the first of Debian's and Ubuntu's paths that exists. For checks that report rather than throw.
 * @returns {string | undefined}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/**
 * The Chromium executable the browser tests use: `$CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`.
 * Throws with the install command when none exists; tests never download a browser and never skip.
 * @returns {string}
 */
export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && !existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist.`);
  const found = findChromium();
  if (!found) {
    throw new Error(
      "Chromium is required for the browser tests and was not found.\n" +
        "Install Debian's package:  sudo apt-get update && sudo apt-get install -y chromium\n" +
        "or point CHROMIUM_PATH at a Chromium or Chrome binary. (Tests never download browsers.)",
    );
  }
  return found;
}
