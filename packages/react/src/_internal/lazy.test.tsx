import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { chunk, useChunk } from "./lazy";

// The one loader behind every on-demand chunk (checkout, live stream, checkout return, the balance's extras).
describe("chunk", () => {
  it("loads once for every caller", async () => {
    const load = vi.fn(async () => ({ value: 1 }));
    const get = chunk(load);
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    await get();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("tries a failed load again on the next call (offline, then back)", async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValueOnce("loaded");
    const get = chunk(load);
    await expect(get()).rejects.toThrow("offline");
    await expect(get()).resolves.toBe("loaded");
    expect(load).toHaveBeenCalledTimes(2);
  });
});

function Probe({ load, failed }: { load: () => Promise<() => string>; failed?: () => void }) {
  const [wanted, setWanted] = useState(false);
  const Loaded = useChunk(load, wanted, failed);
  return (
    <>
      <button type="button" onClick={() => setWanted((w) => !w)}>
        toggle
      </button>
      <output>{Loaded ? Loaded() : wanted ? "loading" : "not wanted"}</output>
    </>
  );
}

describe("useChunk", () => {
  it("loads nothing until wanted, then gives what the chunk exports (a function too)", async () => {
    const load = vi.fn(async () => () => "from the chunk");
    render(<Probe load={load} />);
    expect(screen.getByRole("status").textContent).toBe("not wanted");
    expect(load).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("from the chunk"));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("says when the load failed, and tries again when wanted comes back", async () => {
    const failed = vi.fn();
    const load = vi
      .fn<() => Promise<() => string>>()
      .mockRejectedValueOnce(new Error("offline"))
      .mockResolvedValueOnce(() => "second try");
    render(<Probe load={chunk(load)} failed={failed} />);
    fireEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(failed).toHaveBeenCalledTimes(1));
    expect(screen.getByRole("status").textContent).toBe("loading");
    fireEvent.click(screen.getByRole("button")); // no longer wanted
    fireEvent.click(screen.getByRole("button")); // wanted again
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("second try"));
    expect(load).toHaveBeenCalledTimes(2);
  });
});
