import { toNextRoute } from "@credyt/proxy/next";
import { credyt } from "@/lib/credyt";

export const dynamic = "force-dynamic";

export const { GET, POST } = toNextRoute(credyt);
