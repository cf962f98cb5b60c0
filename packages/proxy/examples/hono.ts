import { createCredytProxy } from "@credyt/proxy/hono";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { getSession } from "./session";

export const app = new Hono();

app.all(
  "/api/credyt/*",
  createCredytProxy({
    apiKey: process.env.CREDYT_API_KEY ?? "",
    apiUrl: process.env.CREDYT_API_URL,
    publicOrigin: process.env.PUBLIC_ORIGIN, // required in production: "https://app.example.com"
    getCustomerId: (c) => {
      const user = getCookie(c, "user");
      return user ? (getSession(`user=${user}`)?.credytCustomerId ?? null) : null;
    },
  }),
);
