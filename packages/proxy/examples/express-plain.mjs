// server.mjs: plain JavaScript (Node 20+). Run with: node server.mjs
import { createCredytProxy } from "@credyt/proxy/node";
import express from "express";

export const app = express();
app.use(express.json()); // optional: the proxy works with or without it
// Your own authentication goes first and sets req.user (Passport, express-session, a JWT middleware…).

app.use(
  createCredytProxy({
    apiKey: process.env.CREDYT_API_KEY,
    apiUrl: process.env.CREDYT_API_URL, // unset in production: https://api.credyt.ai
    getCustomerId: ({ req }) => req.user?.credytCustomerId ?? null,
    topUps: { currencies: ["USD"], min: 5, max: 500 },
  }),
);

// app.listen(3000); the proxy answers under /api/credyt, everything else goes on to your routes.
