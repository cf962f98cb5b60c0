import { createCredyt } from "@credyt/proxy";
import { type HonoContext, toHonoHandler } from "@credyt/proxy/hono";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";

const credyt = createCredyt<HonoContext>({
  apiKey: process.env.CREDYT_API_KEY ?? "",
  apiUrl: process.env.CREDYT_API_URL,
  origin: process.env.PUBLIC_ORIGIN, // "https://app.example.com"; required outside development
  identify: ({ c }) => {
    const user = getCookie(c, "user"); // your auth: c.get("user"), a session, a JWT…
    return user ? { externalId: user } : null;
  },
});

export const app = new Hono();
app.all("/api/credyt/*", toHonoHandler(credyt)); // the prefix is this route's
