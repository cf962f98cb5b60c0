import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { useWalletStream } from "./use-wallet-stream";

function Live() {
  const { status, data, error } = useWalletStream();
  return <p>{`${status} ${data ? "data" : "no-data"} ${error ? "error" : "no-error"}`}</p>;
}

describe("useWalletStream on the server", () => {
  it("renders without a window or EventSource, opening nothing", () => {
    expect(typeof window).toBe("undefined");
    // Effects never run on the server: the stream opens in the browser after hydration.
    expect(renderToString(<Live />)).toBe("<p>connecting no-data no-error</p>");
  });
});
