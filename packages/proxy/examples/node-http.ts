import { createServer } from "node:http";
import { createCredyt } from "@credyt/proxy";
import { getUser } from "./session";

const credyt = createCredyt({
  apiKey: process.env.CREDYT_API_KEY ?? "",
  apiUrl: process.env.CREDYT_API_URL,
  origin: process.env.PUBLIC_ORIGIN, // "https://app.example.com"; required outside development
  identify: ({ request }) => {
    const user = getUser(request.headers.get("cookie"));
    return user ? { externalId: user.id } : null;
  },
});

// Without `next`, requests outside /api/credyt (the default basePath) get the proxy's 404.
export const server = createServer(credyt.node());

// server.listen(3000);
