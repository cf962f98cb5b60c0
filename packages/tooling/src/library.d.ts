import type { UserConfig } from "vite";

/** What differs between the packages' library builds. */
export interface LibraryOptions {
  /** Entry name (the file name in `dist/`) → source file, relative to the package. */
  entry: Record<string, string>;
  /** A directive put first in every built JS file, e.g. `"use client"`. */
  directive?: string;
  /** Files (relative to the package) copied into `dist/` as they are, e.g. `src/styles.css`. */
  copy?: string[];
}

/**
 * The Vite library-mode config for a publishable package: ESM + CJS in one run with shared and lazy
 * chunks, sourcemaps, `.d.ts` and `.d.cts`, dependencies, peers and Node builtins external, ES2022.
 */
export declare function defineLibrary(configUrl: string, options: LibraryOptions): UserConfig;
