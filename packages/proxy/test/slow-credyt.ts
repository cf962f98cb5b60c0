// A stand-in Credyt that shows how many connections a proxy opens to it (the pool tests of both builds).
import { createServer, type ServerResponse } from "node:http";
import { type ListeningServer, listen } from "@repo/tooling/server";

/**
 * A stand-in Credyt that holds every answer until 80 requests wait at once, or nothing new arrived for
 * 2 s (a bounded client cannot send more; generous, for a loaded machine), then answers all; it counts open sockets.
 */
export async function slowCredyt(servers: ListeningServer[]) {
  let open = 0;
  let maxOpen = 0;
  let requests = 0;
  let held: ServerResponse[] = [];
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const release = () => {
    clearTimeout(quiet);
    for (const res of held) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"accounts":[]}');
    }
    held = [];
  };
  const server = createServer((req, res: ServerResponse) => {
    requests += 1;
    req.resume();
    held.push(res);
    clearTimeout(quiet);
    if (held.length >= 80) release();
    else quiet = setTimeout(release, 2_000);
  });
  server.on("connection", (socket) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    socket.on("close", () => {
      open -= 1;
    });
  });
  const running = await listen(server);
  servers.push(running);
  return { url: running.url, maxOpen: () => maxOpen, requests: () => requests };
}
