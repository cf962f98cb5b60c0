/** Waits `ms` milliseconds (backoff between retries, polling an idempotency claim). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
