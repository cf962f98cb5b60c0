// server.mjs: plain JavaScript (Node 20+). Run with: node server.mjs
import { createCredyt } from "@credyt/proxy";
import express from "express";

const credyt = createCredyt({
  apiKey: process.env.CREDYT_API_KEY,
  apiUrl: process.env.CREDYT_API_URL, // unset in production: https://api.credyt.ai
  origin: process.env.PUBLIC_ORIGIN, // "https://app.example.com"; required outside development
  identify: ({ req }) => (req.user ? { externalId: req.user.id, email: req.user.email } : null),
  topUps: { currencies: { USD: { min: 5, max: 500 } } },
});

export const app = express();
// Your own authentication goes first and sets req.user (Passport, express-session, a JWT middleware…).
app.use("/api/credyt", credyt.node(), credyt.nodeErrors());

// app.listen(3000); the proxy answers under /api/credyt, everything else goes on to your routes.
