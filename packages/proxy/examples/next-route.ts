// app/api/credyt/[...path]/route.ts
import { createCredytProxy } from "@credyt/proxy/next";
import { getSession } from "./session";

export const { GET, POST } = createCredytProxy({
  apiKey: process.env.CREDYT_API_KEY ?? "",
  apiUrl: process.env.CREDYT_API_URL,
  publicOrigin: process.env.PUBLIC_ORIGIN, // required in production: "https://app.example.com"
  getCustomerId: ({ request }) => getSession(request.headers.get("cookie"))?.credytCustomerId ?? null,
});
