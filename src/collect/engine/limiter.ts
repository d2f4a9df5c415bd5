/**
 * Bounded concurrency. A Limiter lets at most `limit` tasks run at once; the adaptive kind
 * halves its limit when AWS throttles and grows it back one step per run of successes, so a
 * throttled service gets fewer calls in flight instead of more retries.
 */

/** A first-in first-out semaphore. */
export class Limiter {
  protected active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(protected limit: number) {}

  /** Runs `task` once a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Calls in flight plus calls waiting: how busy this limiter is. */
  get load(): number {
    return this.active + this.waiting.length;
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    this.active -= 1;
    this.drain();
  }

  /** Starts waiting tasks while there is room (after a release or a raised limit). */
  protected drain(): void {
    while (this.active < this.limit && this.waiting.length > 0) {
      this.active += 1;
      this.waiting.shift()?.();
    }
  }
}

/** A Limiter whose limit follows AWS's throttling: halved on a throttle, raised after successes. */
export class AdaptiveLimiter extends Limiter {
  private successes = 0;

  constructor(private readonly max: number) {
    super(max);
  }

  /** The current limit (tests and progress read it). */
  get current(): number {
    return this.limit;
  }

  /** AWS said slow down. */
  onThrottle(): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
  }

  /** A call went through; after `limit` of them in a row the limit grows by one. */
  onSuccess(): void {
    if (this.limit >= this.max) return;
    this.successes += 1;
    if (this.successes >= this.limit) {
      this.limit += 1;
      this.successes = 0;
      this.drain();
    }
  }
}
