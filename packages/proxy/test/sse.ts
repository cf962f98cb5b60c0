// Reads Server-Sent Events from a Response body as a browser's EventSource would parse them.

interface SseEvent {
  event: string;
  id: string | undefined;
  data: string;
  retry: number | undefined;
}

export interface SseReader {
  /** The next event (comments skipped), or rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Whether an event arrives within `ms` (consumes it when it does). */
  nothingWithin(ms: number): Promise<boolean>;
  /** Comment lines seen so far (heartbeats). */
  comments: string[];
  /** `heartbeat` events seen so far: the interval each announced, in ms. */
  heartbeats: number[];
  /** The `retry:` hints seen so far. */
  retries: number[];
  cancel(): Promise<void>;
}

export function readSse(body: ReadableStream<Uint8Array>): SseReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const comments: string[] = [];
  const heartbeats: number[] = [];
  const retries: number[] = [];
  const ready: SseEvent[] = [];
  let reading: Promise<void> | undefined;

  function parse(): void {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end === -1) return;
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = { event: "message", id: undefined, data: "", retry: undefined };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) comments.push(line.slice(1).trim());
        else if (line.startsWith("data: ")) data.push(line.slice(6));
        else if (line.startsWith("event: ")) event.event = line.slice(7);
        else if (line.startsWith("id: ")) event.id = line.slice(4);
        else if (line.startsWith("retry: ")) retries.push(Number(line.slice(7)));
      }
      event.data = data.join("\n");
      // Heartbeat events (liveness for the browser) are counted with the comments, not returned by next().
      if (event.event === "heartbeat") heartbeats.push(Number(event.data));
      else if (data.length > 0) ready.push(event);
    }
  }

  function pump(): Promise<void> {
    reading ??= reader.read().then(({ done, value }) => {
      reading = undefined;
      if (done) throw new Error("the stream ended");
      buffer += decoder.decode(value, { stream: true });
      parse();
    });
    return reading;
  }

  async function next(timeoutMs = 5_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    while (ready.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([pump(), late]);
      clearTimeout(timer);
    }
    return ready.shift() as SseEvent;
  }

  return {
    next,
    async nothingWithin(ms) {
      try {
        await next(ms);
        return false;
      } catch (error) {
        if (String(error).includes("no event within")) return true;
        throw error;
      }
    },
    comments,
    heartbeats,
    retries,
    cancel: () => reader.cancel(),
  };
}
