// Shared by every benchmark server: report the port, and answer CPU/heap questions over IPC so that
// measuring never travels through the HTTP path being measured.
export function serveStats(server) {
  const { port } = server.address();
  process.send?.({ type: "ready", port });
  process.on("message", (message) => {
    if (message?.type === "exit") process.exit(0); // lets --cpu-prof write its profile
    if (message?.type === "stats") {
      if (message.gc && globalThis.gc) {
        globalThis.gc();
        globalThis.gc();
      }
      process.send?.({ type: "stats", cpu: process.cpuUsage(), heapUsed: process.memoryUsage().heapUsed });
    }
  });
}
