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
  /** Operations the endpoint turned out not to offer: asked once per unit, not once per resource. */
  unsupported: Map<string, Failure>;
  /**
   * The first request of each operation in the unit; the others wait for its answer, so an
   * operation the endpoint lacks is asked once even when many resources need it at once.
   */
  probes: Map<string, Promise<void>>;
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
  /** Said in the gap when the endpoint lacks the operation and an equivalent is used instead. */
  fallback?: string;
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
  /** See CallRequest.fallback. */
  fallback?: string;
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
  unit(fields: Omit<Unit, 'limiters' | 'unsupported' | 'probes'>): Unit {
    return { ...fields, limiters: new Map(), unsupported: new Map(), probes: new Map() };
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

  /** Records something odd about data that was collected and kept (a field AWS should have sent). */
  note(unit: Unit, operation: string, message: string, resource?: string): void {
    this.settings.coverage.recordNote(unit.scope, operation, message, resource);
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
    if (request.fallback) attempt.fallback = request.fallback;
    return this.attempt(unit, attempt, (abortSignal) => client.send(new Command(input), { abortSignal }));
  }

  /**
   * Runs `send` (one request to AWS) with a timeout per attempt and retries, and records the
   * outcome under `operation`. `call` uses it; so does the check that a member role can be assumed.
   */
  async attempt(unit: Unit, what: Attempt, send: (signal: AbortSignal) => Promise<unknown>): Promise<CallOutcome> {
    const limiter = this.limiter(unit, what.region ?? unit.region);
    const probe = unit.probes.get(what.operation);
    let answered = () => {};
    if (probe) await probe;
    else unit.probes.set(what.operation, new Promise<void>((resolve) => (answered = resolve)));
    try {
      return await this.attempts(unit, what, send, limiter, answered);
    } finally {
      answered();
    }
  }

  /** Tries until an answer settles the call; `answered` is called after the first try, whatever it gave. */
  private async attempts(unit: Unit, what: Attempt, send: (signal: AbortSignal) => Promise<unknown>, limiter: AdaptiveLimiter, answered: () => void): Promise<CallOutcome> {
    const { maxAttempts } = this.settings;
    const coverage = what.unrecorded ? new CoverageLog() : this.settings.coverage;
    const unsupported = unit.unsupported.get(what.operation);
    if (unsupported) return { status: 'gap', failure: unsupported };
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
      if (failure.kind === 'unsupported') unit.unsupported.set(what.operation, failure);
      answered();
      if (failure.kind === 'absent') {
        coverage.recordOk(unit.scope, what.operation);
        return { status: 'absent' };
      }
      if (failure.kind === 'unsupported') return this.unsupported(unit, what, failure, coverage);
      if (failure.kind === 'throttled') limiter.onThrottle();
      if (!isRetryable(failure.kind) || attempt >= maxAttempts) {
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
        coverage.recordGap(unit.scope, what.operation, outcomeOf(failure.kind), `${failure.message}${tries}`, what.resource, failure.reason);
        return { status: 'gap', failure };
      }
      await sleep(backoffDelay(this.settings.backoff, attempt, failure.kind === 'throttled'), this.settings.signal);
    }
  }

  /**
   * The endpoint lacks the operation: one gap for the service and region (not one per
   * resource), and no further requests for it in this unit.
   */
  private unsupported(unit: Unit, what: Attempt, failure: Failure, coverage: CoverageLog): CallOutcome {
    unit.unsupported.set(what.operation, failure);
    const message = what.fallback ? `${failure.message}; ${what.fallback}` : failure.message;
    coverage.recordGap(unit.scope, what.operation, outcomeOf(failure.kind), message, undefined, failure.reason);
    return { status: 'gap', failure };
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
