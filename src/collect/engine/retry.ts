/**
 * Waiting between attempts: exponential backoff with full jitter (throttling starts from a
 * longer base), and a sleep that Ctrl-C ends at once.
 */

/** Thrown when the run's signal aborts (Ctrl-C): nothing is recorded, nothing is written. */
export class CollectionInterrupted extends Error {
  override readonly name = 'CollectionInterrupted';
  constructor() {
    super('collection interrupted');
  }
}

/** Backoff bases and ceiling, in milliseconds. */
export interface Backoff {
  baseMs: number;
  throttleBaseMs: number;
  capMs: number;
}

/** How long to wait before attempt `attempt + 1`: random up to base × 2^(attempt-1), capped. */
export function backoffDelay(backoff: Backoff, attempt: number, throttled: boolean): number {
  const ceiling = Math.min(backoff.capMs, (throttled ? backoff.throttleBaseMs : backoff.baseMs) * 2 ** (attempt - 1));
  return Math.random() * ceiling;
}

/** Waits `ms`, or rejects with CollectionInterrupted as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new CollectionInterrupted());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CollectionInterrupted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
