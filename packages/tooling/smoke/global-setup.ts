/**
 * Builds and packs every public package ONCE for the whole smoke step (each spec used to build and pack on its
 * own). The tarballs go to a temporary directory; specs read their paths with `inject("tarballs")` (or
 * `tarballs()` from ./tarballs). Removed again when the run ends.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

const root = path.resolve(import.meta.dirname, "../../..");

declare module "vitest" {
  export interface ProvidedContext {
    /** Short package name ("core", "react"…) → absolute path of its packed `.tgz`. */
    tarballs: Record<string, string>;
  }
}

/** The workspace's public packages: packages/* without `"private": true`. */
export function publicPackages(): string[] {
  return readdirSync(path.join(root, "packages"))
    .filter((dir) => {
      try {
        const manifest = JSON.parse(readFileSync(path.join(root, "packages", dir, "package.json"), "utf8"));
        return manifest.private !== true && typeof manifest.name === "string" && manifest.name.startsWith("@credyt/");
      } catch {
        return false;
      }
    })
    .sort();
}

export default function setup(project: TestProject): () => void {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
  delete env.NODE_OPTIONS;
  const run = (cmd: string, args: string[], cwd: string) =>
    execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const names = publicPackages();
  const filters = names.flatMap((name) => ["--filter", `@credyt/${name}`]);
  run("pnpm", ["exec", "turbo", "run", "build", ...filters, "--output-logs=errors-only"], root);
  const dir = mkdtempSync(path.join(tmpdir(), "credyt-tarballs-"));
  const tarballs: Record<string, string> = {};
  for (const name of names) {
    run("pnpm", ["pack", "--pack-destination", dir], path.join(root, "packages", name));
    const file = readdirSync(dir).find((f) => f.startsWith(`credyt-${name}-`) && f.endsWith(".tgz"));
    if (!file) throw new Error(`pnpm pack wrote no tarball for @credyt/${name}`);
    tarballs[name] = path.join(dir, file);
  }
  project.provide("tarballs", tarballs);
  return () => rmSync(dir, { recursive: true, force: true });
}
