/**
 * What every archetype receives while one account is generated: the builder, the org plan,
 * the account's own plan, its random stream, shared customer policies, and unique names.
 */
import type { AccountBuilder } from './account.js';
import type { AccountPlan, OrgPlan } from './organization.js';
import type { Rng } from './random.js';
import type { Place } from './sagemaker.js';

/** Customer-managed policies the platform baseline creates for app roles to attach. */
export interface SharedPolicies {
  lambdaLogs: string;
  ecrPull: string;
  sageMakerLogs: string;
  /** The permissions boundary developer-created roles carry. */
  boundary: string;
}

/** One account's generation state. */
export interface AccountContext {
  b: AccountBuilder;
  org: OrgPlan;
  account: AccountPlan;
  rng: Rng;
  shared: SharedPolicies;
  /** The account's primary region, where its workloads run. */
  place: Place;
  /** Shared bucket for build artifacts (per-app prefixes). */
  artifactsBucket: string;
  /** A name not used yet in this account, from `base` (adds -2, -3... on collision). */
  unique(base: string): string;
  /** Adds `n` more resources to an existing app; registered by archetypes that can grow. */
  growers: Array<(n: number) => number>;
}

const TEAMS = ['payments', 'search', 'recsys', 'fraud', 'support', 'growth', 'risk', 'ads', 'catalog', 'checkout', 'identity', 'billing', 'ledger', 'notify', 'media', 'geo'];
const NOUNS = ['orders', 'events', 'profiles', 'ingest', 'scoring', 'ranker', 'webhooks', 'reports', 'sync', 'export', 'audit', 'quotes', 'tickets', 'feeds', 'alerts', 'index', 'sessions', 'pricing', 'inventory', 'invoices'];

/** A plausible service name like `checkout-quotes`. */
export function serviceName(ctx: AccountContext): string {
  return ctx.unique(`${ctx.rng.pick(TEAMS)}-${ctx.rng.pick(NOUNS)}`);
}

/** The registry behind `unique`. */
export function nameRegistry(): (base: string) => string {
  const used = new Map<string, number>();
  return (base) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
}
