// What npm users get: the published package.json carries what installs and runs, nothing of the workspace.
// pnpm calls beforePacking for `pnpm pack` and `pnpm publish` (the package.json on disk is unchanged):
// no scripts, no devDependencies, and no export condition that points into src/ (the workspace's
// "@credyt/source" condition, which lets the repo's tests and dev servers run the TypeScript directly).
function withoutSource(exports) {
  if (Array.isArray(exports)) return exports.map(withoutSource);
  if (exports === null || typeof exports !== "object") return exports;
  const kept = {};
  for (const [key, value] of Object.entries(exports)) {
    if (typeof value === "string" && /^\.\/src\//.test(value) && !key.startsWith(".")) continue;
    const inner = withoutSource(value);
    // A condition whose every target was a source file (`"@credyt/source": { "node": "./src/x.node.ts", … }`).
    if (inner !== null && typeof inner === "object" && Object.keys(inner).length === 0 && !key.startsWith("."))
      continue;
    kept[key] = inner;
  }
  return kept;
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      delete pkg.scripts;
      delete pkg.devDependencies;
      if (pkg.exports !== undefined) pkg.exports = withoutSource(pkg.exports);
      return pkg;
    },
  },
};
