import { execFileSync } from "node:child_process";
import { createServer } from "node:net";

/**
 * Listens on a free loopback port and resolves once the server accepts connections.
 * `close()` also ends kept-alive and streaming connections (`closeAllConnections`), so a test's
 * teardown never waits for a client that holds a socket open.
 * @param {import("node:http").Server} server
 * @param {{ host?: string, path?: string }} [options]
 */
export async function listen(server, { host = "127.0.0.1", path = "" } = {}) {
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      server.off("error", reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error(`listen: ${host} gave no TCP port`);
  const { port } = address;
  return {
    server,
    port,
    url: `http://${host}:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections?.();
      }),
  };
}

/**
 * A loopback port nobody listens on right now (for a child process that must be told its port up front).
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        address !== null && typeof address === "object" ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * `freePort`, synchronously (in a child process), for configs that must be synchronous, such as a
 * Playwright config choosing its web server's port.
 * @param {string} [host]
 * @returns {number}
 */
export function freePortSync(host = "127.0.0.1") {
  const script = `import { freePort } from ${JSON.stringify(import.meta.url)}; process.stdout.write(String(await freePort(${JSON.stringify(host)})));`;
  return Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim());
}
