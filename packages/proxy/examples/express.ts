import { createCredytProxy } from "@credyt/proxy/node";
import express from "express";
import { getSession } from "./session";

export const app = express();
app.use(express.json()); // optional: the proxy works with or without it

app.use(
  createCredytProxy({
    apiKey: process.env.CREDYT_API_KEY ?? "",
    apiUrl: process.env.CREDYT_API_URL, // unset in production: https://api.credyt.ai
    publicOrigin: process.env.PUBLIC_ORIGIN, // required in production: "https://app.example.com"
    getCustomerId: ({ req }) => getSession(req.headers.cookie)?.credytCustomerId ?? null,
    topUps: { currencies: ["USD"], min: 5, max: 500 },
  }),
);

// app.listen(3000); the proxy answers under /api/credyt, everything else goes on to your routes.
