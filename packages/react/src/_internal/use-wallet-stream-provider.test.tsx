import { render, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMockClient } from "./testing/mock-client";
import { MockCredytProvider } from "./testing/mock-provider";
import { useWalletStream } from "./use-wallet-stream";
import type { EventSourceConstructor } from "./wallet-subscription";

// Issue 23: useWalletStream() under a provider streams from that provider's proxy (it used to default
// to /api/credyt whatever the provider's baseUrl, and silently streamed nothing).
const opened: string[] = [];
const Source = class {
  readyState = 0;
  onopen = null;
  onerror = null;
  constructor(url: string) {
    opened.push(url);
  }
  addEventListener() {}
  removeEventListener() {}
  close() {}
} as unknown as EventSourceConstructor;

function Live() {
  useWalletStream({ EventSource: Source });
  return null;
}

describe("useWalletStream under a provider", () => {
  it("opens the provider's stream, not /api/credyt", async () => {
    opened.length = 0;
    const client = { ...createMockClient(), baseUrl: "https://app.example/billing/credyt" };
    render(
      <MockCredytProvider client={client as ReturnType<typeof createMockClient>}>
        <Live />
      </MockCredytProvider>,
    );
    await waitFor(() => expect(opened).toHaveLength(1));
    expect(opened[0]).toMatch(/^https:\/\/app\.example\/billing\/credyt\/wallet\/stream/);
  });
});
