/**
 * What every step of one collection run shares: the resolved options, the engine, the
 * coverage log, progress, and the descriptors the user asked for. Also where an account's
 * work is described (`AccountTarget`) and how a unit for it is made.
 */
import { ClientPool, type Credentials } from './engine/clients.js';
import { CoverageLog } from './engine/coverage.js';
import type { ClientClass, ServiceDescriptor } from './engine/descriptor.js';
import { Engine, type Unit } from './engine/engine.js';
import type { ResolvedOptions } from './options.js';
import { ProgressTracker } from './progress.js';

/** An account to collect and the credentials that reach it. */
export interface AccountTarget {
  accountId: string;
  partition: string;
  credentials: Credentials;
}

/** One run's shared state. */
export interface Run {
  options: ResolvedOptions;
  engine: Engine;
  coverage: CoverageLog;
  progress: ProgressTracker;
  /** The descriptors `--services` selected. */
  descriptors: readonly ServiceDescriptor[];
}

/** Sets up a run: clients, engine, coverage log and progress, for the descriptors of the services the options select. */
export function startRun(options: ResolvedOptions, descriptors: readonly ServiceDescriptor[]): Run {
  const coverage = new CoverageLog();
  const progress = new ProgressTracker(options.onProgress);
  coverage.onGap((record) => progress.gap(record.accountId));
  const clients = new ClientPool({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    env: options.env,
    connectTimeoutMs: Math.min(options.timeoutMs, 10_000),
    maxSockets: options.concurrency * 4,
  });
  const engine = new Engine({
    concurrency: options.concurrency,
    maxInFlight: Math.max(64, options.concurrency * 8),
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
    backoff: options.backoff,
    signal: options.signal,
    clients,
    coverage,
    progress,
  });
  return { options, engine, coverage, progress, descriptors };
}

/** Where global services are called in each partition. */
const HOME_REGIONS: Record<string, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-iso': 'us-iso-east-1',
  'aws-iso-b': 'us-isob-east-1',
};

/**
 * The region global services (IAM, the S3 listing, Organizations) are called in: the
 * partition's own, whatever region the user works in, since some global endpoints exist there only.
 */
export function homeRegion(partition: string): string {
  return HOME_REGIONS[partition] ?? 'us-east-1';
}

/** A unit of work for one service (or one step, like listing regions) in one account and region. */
export function makeUnit(run: Run, target: AccountTarget, spec: { service: string; client: ClientClass; region: string; recordRegion: boolean }): Unit {
  return run.engine.unit({
    scope: { accountId: target.accountId, service: spec.service, ...(spec.recordRegion ? { region: spec.region } : {}) },
    region: spec.region,
    client: spec.client,
    credentials: target.credentials,
    context: { accountId: target.accountId, partition: target.partition, region: spec.region, recentJobs: run.options.recentJobs },
  });
}
