/**
 * The engine's one call: send an SDK command with a timeout, retry throttling and transient
 * failures with backoff (lowering the service's concurrency on throttling), and record the
 * outcome in coverage. Every AWS request of a run goes through `Engine.call`.
 */
import { setMaxListeners } from 'node:events';
import type { ProgressTracker } from '../progress.js';
import type { ClientPool, Credentials } from './clients.js';
import { CoverageLog, type CoverageScope } from './coverage.js';
import { operationName, type CallSpec, type ClientClass, type Rec, type UnitContext } from './descriptor.js';
import { classify, isRetryable, outcomeOf, type Failure } from './errors.js';
import { AdaptiveLimiter, Limiter } from './limiter.js';
import { backoffDelay, CollectionInterrupted, sleep, type Backoff } from './retry.js';

export { CollectionInterrupted, type Backoff } from './retry.js';

/** Settings shared by every call of a run. */
export interface EngineSettings {
  /** Most calls in flight per service and region. */
  concurrency: number;
  /** Most calls in flight in the whole run. */
  maxInFlight: number;
  /** Per attempt. */
  timeoutMs: number;
  maxAttempts: number;
  backoff: Backoff;
  signal: AbortSignal;
  clients: ClientPool;
  coverage: CoverageLog;
  progress: ProgressTracker;
}

/** One service in one region of one account: the engine's unit of work. */
export interface Unit {
  /** What coverage records name (no region for global services). */
  scope: CoverageScope;
  /** Where calls go unless a fetch says otherwise. */
  region: string;
  client: ClientClass;
  credentials: Credentials;
  context: UnitContext;
  /** One adaptive limiter per region calls go to (S3 asks each bucket's own region). */
  limiters: Map<string, AdaptiveLimiter>;
}

/** One call to make for one parent record. */
export interface CallRequest {
  spec: CallSpec;
  /** See Attempt.unrecorded. */
  unrecorded?: boolean;
  parent: Rec;
  /** Replaces input fields (pagination tokens). */
  extraInput?: Rec;
  resource?: string;
  region?: string;
  absentOn?: readonly string[];
}

/** What coverage records name a request by. */
export interface Attempt {
  operation: string;
  /** Where the request goes (default: the unit's region); concurrency is bounded per region. */
  region?: string;
  resource?: string;
  absentOn?: readonly string[];
  /** Leave coverage alone (the identity check, made before the account is known). */
  unrecorded?: boolean;
}

/** What a call came to. Gaps are already recorded when `gap` is returned. */
export type CallOutcome = { status: 'ok'; output: Rec } | { status: 'absent' } | { status: 'gap'; failure: Failure };

/** Runs calls for a whole collection run. */
export class Engine {
  private readonly global: Limiter;

  constructor(readonly settings: EngineSettings) {
    this.global = new Limiter(settings.maxInFlight);
    // Every call in flight listens to the run's signal; hundreds at once is the design, not a leak.
    setMaxListeners(0, settings.signal);
  }

  /** A fresh unit with its own adaptive limiters. */
  unit(fields: Omit<Unit, 'limiters'>): Unit {
    return { ...fields, limiters: new Map() };
  }

  /** The unit's limiter for calls to `region`. */
  private limiter(unit: Unit, region: string): AdaptiveLimiter {
    let limiter = unit.limiters.get(region);
    if (!limiter) {
      limiter = new AdaptiveLimiter(this.settings.concurrency);
      unit.limiters.set(region, limiter);
    }
    return limiter;
  }

  /** Records a gap for a call that was not made or whose data is known to be incomplete. */
  gap(unit: Unit, operation: string, outcome: 'failed' | 'not-collected', message: string, resource?: string): void {
    this.settings.coverage.recordGap(unit.scope, operation, outcome, message, resource);
  }

  /** Makes one SDK call, retrying as needed; records its coverage. */
  async call(unit: Unit, request: CallRequest): Promise<CallOutcome> {
    const { spec } = request;
    const input = { ...spec.input(request.parent, unit.context), ...request.extraInput };
    const client = this.settings.clients.get(spec.client ?? unit.client, unit.scope.accountId, request.region ?? unit.region, unit.credentials);
    const Command = spec.command as unknown as new (input: Rec) => unknown;
    const attempt: Attempt = { operation: operationName(spec.command), region: request.region ?? unit.region };
    if (request.resource) attempt.resource = request.resource;
    if (request.absentOn) attempt.absentOn = request.absentOn;
    if (request.unrecorded) attempt.unrecorded = true;
    return this.attempt(unit, attempt, (abortSignal) => client.send(new Command(input), { abortSignal }));
  }

  /**
   * Runs `send` (one request to AWS) with a timeout per attempt and retries, and records the
   * outcome under `operation`. `call` uses it; so does the check that a member role can be assumed.
   */
  async attempt(unit: Unit, what: Attempt, send: (signal: AbortSignal) => Promise<unknown>): Promise<CallOutcome> {
    const { maxAttempts } = this.settings;
    const coverage = what.unrecorded ? new CoverageLog() : this.settings.coverage;
    const limiter = this.limiter(unit, what.region ?? unit.region);
    for (let attempt = 1; ; attempt += 1) {
      this.checkInterrupted();
      let failure: Failure;
      try {
        const output = await limiter.run(() => this.global.run(() => this.timed(unit, send)));
        limiter.onSuccess();
        coverage.recordOk(unit.scope, what.operation);
        return { status: 'ok', output: plain(output) };
      } catch (error) {
        this.checkInterrupted();
        failure = error instanceof TimedOut ? error.failure : classify(error, what.absentOn);
      }
      if (failure.kind === 'absent') {
        coverage.recordOk(unit.scope, what.operation);
        return { status: 'absent' };
      }
      if (failure.kind === 'throttled') limiter.onThrottle();
      if (!isRetryable(failure.kind) || attempt >= maxAttempts) {
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
        coverage.recordGap(unit.scope, what.operation, outcomeOf(failure.kind), `${failure.message}${tries}`, what.resource, failure.reason);
        return { status: 'gap', failure };
      }
      await sleep(backoffDelay(this.settings.backoff, attempt, failure.kind === 'throttled'), this.settings.signal);
    }
  }

  private async timed(unit: Unit, send: (signal: AbortSignal) => Promise<unknown>): Promise<unknown> {
    this.checkInterrupted();
    this.settings.progress.call(unit.scope.accountId);
    const { signal, timeoutMs } = this.settings;
    // One controller per attempt, aborted by the run's signal or by the attempt's own timer.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await send(controller.signal);
    } catch (error) {
      if (timedOut && !signal.aborted) {
        throw new TimedOut({ kind: 'transient', code: 'TimeoutError', message: `timed out after ${seconds(timeoutMs)}`, reason: 'timeout' });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Throws once the run is aborted. */
  checkInterrupted(): void {
    if (this.settings.signal.aborted) throw new CollectionInterrupted();
  }
}

class TimedOut extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The response as JSON would carry it: dates as ISO strings, no SDK `$metadata`. */
function plain(output: unknown): Rec {
  const copy = JSON.parse(JSON.stringify(output ?? {})) as Rec;
  delete copy['$metadata'];
  return copy;
}
