/**
 * What a collection run can be asked to do, its defaults, and the checks on user-given
 * values (region names, service names, account ids) made before any call goes out.
 */
import { compareStrings } from '../core/hash.js';
import type { Credentials } from './engine/clients.js';
import type { Backoff } from './engine/retry.js';
import { CollectionError } from './errors.js';
import type { ProgressListener } from './progress.js';
import { SERVICE_NAMES } from './service-names.js';

/** Options of `collect`; every field has a default. */
export interface CollectOptions {
  /** Named profile of the shared AWS config (`--profile`); default: the standard chain. */
  profile?: string;
  /** Fixed credentials or a provider, instead of the chain (tests, embedding). */
  credentials?: Credentials;
  /** One endpoint for every service (`--endpoint-url`); AWS_ENDPOINT_URL(_<SERVICE>) work too. */
  endpoint?: string;
  /** Regions to collect (default: every region enabled for each account). */
  regions?: string[];
  /** Services to collect (default: all of SERVICE_NAMES). */
  services?: string[];
  /** Role name to assume in each member account of the organization (`--org-role`). */
  orgRole?: string;
  /** Only these accounts (`--accounts`). */
  accounts?: string[];
  /** Calls in flight per service and region (default 8). */
  concurrency?: number;
  /** Accounts collected at once (default 4). */
  accountConcurrency?: number;
  /** Per attempt, in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Attempts per call, first one included (default 5). */
  maxAttempts?: number;
  backoff?: Partial<Backoff>;
  /** Most recent SageMaker training and processing jobs to collect, 0 for all (default 100). */
  recentJobs?: number;
  /** Region for the first calls (who am I, which regions); default AWS_REGION or us-east-1. */
  homeRegion?: string;
  /** Aborting it stops the run: `collect` then rejects with CollectionInterrupted. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Environment for endpoint and region defaults (default process.env). */
  env?: Record<string, string | undefined>;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<Omit<CollectOptions, 'profile' | 'credentials' | 'endpoint' | 'regions' | 'orgRole' | 'accounts' | 'onProgress' | 'backoff'>> &
  Pick<CollectOptions, 'profile' | 'credentials' | 'endpoint' | 'regions' | 'orgRole' | 'accounts' | 'onProgress'> & { backoff: Backoff };

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT = /^\d{12}$/;

/** Checks user-given values and fills in defaults; throws CollectionError naming the flag. */
export function resolveOptions(options: CollectOptions): ResolvedOptions {
  const env = options.env ?? process.env;
  const regions = options.regions && unique(options.regions);
  // With --org-role the organization is how members are found, so it is always collected.
  const services = options.services ? unique([...options.services, ...(options.orgRole ? ['organizations'] : [])]) : [...SERVICE_NAMES];
  const accounts = options.accounts && unique(options.accounts);
  if (regions?.length === 0) throw new CollectionError('--regions', 'expected at least one region name (like us-east-1); leave the flag out for every enabled region');
  if (options.services && services.length === 0) throw new CollectionError('--services', `expected at least one of ${SERVICE_NAMES.join(', ')}`);
  if (accounts?.length === 0) throw new CollectionError('--accounts', 'expected at least one 12-digit account id');
  if (options.endpoint !== undefined) checkEndpoint('--endpoint-url', options.endpoint);
  for (const [name, value] of Object.entries(env)) {
    if (/^AWS_ENDPOINT_URL(_[A-Z0-9_]+)?$/.test(name) && value) checkEndpoint(name, value);
  }
  for (const region of regions ?? []) if (!REGION.test(region)) throw new CollectionError('--regions', `${region} is not a region name (like us-east-1)`);
  for (const service of services) {
    if (!(SERVICE_NAMES as readonly string[]).includes(service)) throw new CollectionError('--services', `${service} is not one of ${SERVICE_NAMES.join(', ')}`);
  }
  for (const account of accounts ?? []) if (!ACCOUNT.test(account)) throw new CollectionError('--accounts', `${account} is not a 12-digit account id`);
  if (accounts && !options.orgRole) throw new CollectionError('--accounts', 'needs --org-role: the role to assume in each of those accounts');
  if (options.orgRole !== undefined && !/^[\w+=,.@/-]{1,64}$/.test(options.orgRole)) {
    throw new CollectionError('--org-role', `${options.orgRole} is not an IAM role name`);
  }
  return {
    ...options,
    regions,
    services,
    accounts,
    concurrency: positive(options.concurrency, 8),
    accountConcurrency: positive(options.accountConcurrency, 4),
    timeoutMs: positive(options.timeoutMs, 30_000),
    maxAttempts: positive(options.maxAttempts, 5),
    backoff: { baseMs: 100, throttleBaseMs: 500, capMs: 20_000, ...options.backoff },
    recentJobs: options.recentJobs ?? 100,
    homeRegion: options.homeRegion ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    signal: options.signal ?? new AbortController().signal,
    env,
  };
}

/**
 * An endpoint must be an absolute http(s) URL: anything else would reach the SDK and come back
 * as a misleading credentials error on the first call.
 */
function checkEndpoint(where: string, value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new CollectionError(where, `${JSON.stringify(value)} is not an http:// or https:// URL (like http://127.0.0.1:5000)`);
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))].sort(compareStrings);
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}
