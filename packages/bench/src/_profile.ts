import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/**
 * The functions with the most self time in the V8 CPU profile(s) written into `dir` (`node --cpu-prof`),
 * as "name (file:line) share%" of the busy (non-idle) samples, plus the share in the proxy's own code.
 */
export function topSelfTime(dir: string, n = 8): { top: string[]; ownShare: number; busySamples: number } {
  const self = new Map<string, number>();
  let busy = 0;
  let own = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { nodes: ProfileNode[] };
    for (const node of profile.nodes) {
      const hits = node.hitCount ?? 0;
      const { functionName, url, lineNumber } = node.callFrame;
      if (!hits || functionName === "(idle)" || functionName === "(program)") continue;
      busy += hits;
      if (url.includes("@credyt/proxy") || url.includes("packages/proxy/")) own += hits;
      const where = url ? `${url.replace(/^.*node_modules\//, "").replace(/^.*packages\//, "")}:${lineNumber + 1}` : "";
      const key = `${functionName || "(anonymous)"}${where ? ` (${where})` : ""}`;
      self.set(key, (self.get(key) ?? 0) + hits);
    }
  }
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${((100 * v) / Math.max(busy, 1)).toFixed(1)}%`);
  return { top, ownShare: own / Math.max(busy, 1), busySamples: busy };
}
