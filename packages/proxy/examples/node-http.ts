import { createServer } from "node:http";
import { createCredytProxy } from "@credyt/proxy/node";
import { getSession } from "./session";

const credyt = createCredytProxy({
  apiKey: process.env.CREDYT_API_KEY ?? "",
  apiUrl: process.env.CREDYT_API_URL,
  publicOrigin: process.env.PUBLIC_ORIGIN, // required in production: "https://app.example.com"
  getCustomerId: ({ req }) => getSession(req.headers.cookie)?.credytCustomerId ?? null,
});

export const server = createServer((req, res) => {
  // Without `next`, requests outside /api/credyt get the proxy's 404.
  credyt(req, res);
});

// server.listen(3000);
