// Shared by every benchmark server: report the port, and answer CPU/heap questions over IPC so that
// measuring never travels through the HTTP path being measured.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

let session;
/** `profile-start` / `profile-stop` over IPC: a V8 CPU profile of just the measured load, without start-up. */
function profile(message) {
  if (message.type === "profile-start") {
    session = new Session();
    session.connect();
    session.post("Profiler.enable", () =>
      session.post("Profiler.start", () => process.send?.({ type: "profile-started" })),
    );
  }
  if (message.type === "profile-stop") {
    session.post("Profiler.stop", (error, result) => {
      if (!error) writeFileSync(message.file, JSON.stringify(result.profile));
      session.disconnect();
      process.send?.({ type: "profile-stopped", error: error ? String(error) : undefined });
    });
  }
}

export function serveStats(server) {
  const { port } = server.address();
  process.send?.({ type: "ready", port });
  process.on("message", (message) => {
    if (message?.type === "exit") process.exit(0); // lets --cpu-prof write its profile
    if (message?.type === "profile-start" || message?.type === "profile-stop") profile(message);
    if (message?.type === "stats") {
      if (message.gc && globalThis.gc) {
        globalThis.gc();
        globalThis.gc();
      }
      const memory = process.memoryUsage();
      process.send?.({ type: "stats", cpu: process.cpuUsage(), heapUsed: memory.heapUsed, rss: memory.rss });
    }
  });
}

/**
 * Every benchmark server's start: keep-alive long enough for the load generator's connections, a free
 * loopback port, then the port and the IPC stats (`serveStats`).
 */
export function serve(server) {
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => serveStats(server));
}
