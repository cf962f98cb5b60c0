import { formatAmount } from "@credyt/core";
import { useWallet } from "@credyt/react";
import { type ReactNode, useState } from "react";
import type { Session } from "./session";

interface Video {
  id: string;
  seconds: number;
}

/** The product: "generate video" does its work, and the server bills it as a Credyt usage event. */
export function StudioPage(props: { session: Session }): ReactNode {
  const { video } = props.session;
  const { mutate } = useWallet();
  const [videos, setVideos] = useState<Video[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const price =
    video.pricePerSecond === null
      ? undefined
      : formatAmount(video.pricePerSecond * video.seconds, video.currency, { locale: "en-US" });

  async function generate() {
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch("/api/videos", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: "A glitchy sunset over the sea" }),
      });
      const body = (await response.json()) as Video & { error?: { message: string } };
      if (!response.ok) throw new Error(body.error?.message ?? `The server answered ${response.status}.`);
      setVideos((list) => [body, ...list]);
      // The wallet changed on the server: refresh the balances everywhere on the page.
      await mutate();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="studio-title">
      <h1 id="studio-title">Studio</h1>
      <div className="card">
        <p>
          Turn a prompt into a {video.seconds}-second video. Each video is billed to your wallet as a usage event
          {price ? ` (${price})` : ""}.
        </p>
        <button type="button" onClick={() => void generate()} aria-busy={busy || undefined} disabled={busy}>
          {busy ? "Generating…" : `Generate video${price ? ` · ${price}` : ""}`}
        </button>
        {error && <p role="alert">{error}</p>}
      </div>
      {videos.length > 0 && (
        <ul className="videos" aria-label="Your videos">
          {videos.map((v) => (
            <li key={v.id} className="video">
              <span className="thumb" aria-hidden="true" />
              {v.id} · {v.seconds} s
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
