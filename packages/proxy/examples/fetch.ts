import { createCredytProxy } from "@credyt/proxy";
import { getSession } from "./session";

const credyt = createCredytProxy({
  apiKey: process.env.CREDYT_API_KEY ?? "",
  apiUrl: process.env.CREDYT_API_URL,
  publicOrigin: process.env.PUBLIC_ORIGIN, // required in production: "https://app.example.com"
  getCustomerId: ({ request }) => getSession(request.headers.get("cookie"))?.credytCustomerId ?? null,
});

// Bun.serve({ fetch: handleRequest }), Deno.serve(handleRequest), or `export default { fetch: handleRequest }` in a Worker.
export function handleRequest(request: Request): Promise<Response> {
  return credyt(request);
}
