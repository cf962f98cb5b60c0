import { createCredyt } from "@credyt/proxy";
import type { NodeContext } from "@credyt/proxy/node";
import express from "express";
import { getUser } from "./session";

const credyt = createCredyt<NodeContext<express.Request>>({
  apiKey: process.env.CREDYT_API_KEY ?? "",
  apiUrl: process.env.CREDYT_API_URL, // unset in production: https://api.credyt.ai
  origin: process.env.PUBLIC_ORIGIN, // "https://app.example.com"; required outside development
  identify: ({ req }) => {
    const user = getUser(req.headers.cookie);
    return user ? { externalId: user.id, email: user.email } : null;
  },
  topUps: { currencies: { USD: { min: 5, max: 500 } } },
});

export const app = express();
app.use(express.json()); // optional: the proxy works with or without it
app.use("/api/credyt", credyt.node(), credyt.nodeErrors());

// app.listen(3000); the proxy answers under /api/credyt, everything else goes on to your routes.
