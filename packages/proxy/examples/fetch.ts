import { createCredyt } from "@credyt/proxy";
import { getUser } from "./session";

const credyt = createCredyt({
  apiKey: process.env.CREDYT_API_KEY ?? "",
  apiUrl: process.env.CREDYT_API_URL,
  origin: process.env.PUBLIC_ORIGIN, // "https://app.example.com"; required outside development
  basePath: "/api/credyt", // a bare Fetch handler has no route of its own to take it from
  identify: ({ request }) => {
    const user = getUser(request.headers.get("cookie"));
    return user ? { externalId: user.id } : null;
  },
});

// Bun.serve({ fetch: handleRequest }), Deno.serve(handleRequest), or `export default { fetch: handleRequest }` in a Worker.
export function handleRequest(request: Request): Promise<Response> {
  return credyt.fetch(request);
}
