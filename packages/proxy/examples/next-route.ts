// app/api/credyt/[...path]/route.ts
import { toNextRoute } from "@credyt/proxy/next";
import { credyt } from "./credyt";

export const { GET, POST } = toNextRoute(credyt);
