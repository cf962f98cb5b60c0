// Helpers of the live balance benchmark: stream clients as light as a browser tab's.
import { type ClientRequest, get } from "node:http";

export interface Tab {
  customer: string;
  /** Times (performance.now) at which wallet events arrived. */
  events: number[];
  request: ClientRequest;
}

/** Opens one stream, resolving once its first wallet event arrived. */
export function openTab(base: string, who: string): Promise<Tab> {
  return new Promise((resolve, reject) => {
    const tab: Tab = { customer: who, events: [], request: undefined as unknown as ClientRequest };
    tab.request = get(
      `${base}/api/credyt/wallet/stream`,
      { headers: { "x-bench-user": who }, agent: false },
      (response) => {
        if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
        let buffer = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf("\n\n");
          while (end !== -1) {
            if (buffer.slice(0, end).includes("event: wallet")) {
              tab.events.push(performance.now());
              if (tab.events.length === 1) resolve(tab);
            }
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
          }
        });
      },
    );
    tab.request.on("error", reject);
  });
}
