// Loaded with `--require` in the React 18 test project: CommonJS code (react-dom itself, and
// anything Vitest leaves to Node) resolves `react` and `react-dom` to the npm aliases
// `react-18` and `react-dom-18`, matching the Vite aliases that cover the ES modules.
const Module = require("node:module");
const path = require("node:path");

const modules = path.join(__dirname, "..", "node_modules");
const target = { react: "react-18", "react-dom": "react-dom-18" };
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveReact18(request, ...rest) {
  const match = /^(react|react-dom)(\/.*)?$/.exec(request);
  const mapped = match ? path.join(modules, target[match[1]] + (match[2] ?? "")) : request;
  return resolve.call(this, mapped, ...rest);
};
