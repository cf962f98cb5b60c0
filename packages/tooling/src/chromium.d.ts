/** Flags that keep Debian's Chromium quiet and offline in tests. */
export declare const CHROMIUM_ARGS: string[];
/** The Chromium executable for browser tests; throws with the install command when missing. */
export declare function chromiumPath(): string;
/** The Chromium executable on this machine (`$CHROMIUM_PATH` or a system path), or `undefined`; never throws. */
export declare function findChromium(): string | undefined;
