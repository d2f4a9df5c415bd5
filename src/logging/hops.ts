/**
 * Whether one hop of a path would leave a record: each action the hop needs is a CloudTrail
 * event (events.ts) recorded, or not, by the trails of the caller's and the resource's accounts
 * (facts.ts). A hop is as visible as its most visible action; a path is silent when none of its
 * calls reaches a trail.
 */
import { parseArn } from '../core/arn.js';
import type { EdgeAttrs, NodeAttrs } from '../graph/index.js';
import { MODEL_INVOCATIONS, trailEvent, type TrailEvent } from './events.js';
import type { AccountLogging, InvocationLogging, LoggingFacts, TrailFacts } from './facts.js';
import { ruleRecords } from './selectors.js';

/**
 * What a hop leaves, most visible first: `trail` (a logging trail records it), `unknown` (what
 * the account records was not collected, or a trail's status or selectors were not answered),
 * `event-history` (a management event no trail records: CloudTrail's Event history keeps it 90
 * days, delivered nowhere), `none` (a data event no trail selects, or a call CloudTrail never
 * records), `no-call` (the hop makes no API call: a workload running as its role).
 */
export const HOP_RECORDS = ['trail', 'unknown', 'event-history', 'none', 'no-call'] as const;
export type HopRecordStatus = (typeof HOP_RECORDS)[number];

/** The record a hop leaves. */
export interface HopRecord {
  status: HopRecordStatus;
  /** Names of the trails that record it, for `trail`. */
  trails?: string[];
  /** For model invocations: whether Bedrock keeps prompts and answers in every Region. */
  invocationLogging?: InvocationLogging;
}

/** How visible a whole path is: every call recorded, some, none, or not known. */
export const PATH_LOGGING = ['recorded', 'partial', 'silent', 'unknown'] as const;
export type PathLogging = (typeof PATH_LOGGING)[number];

/** One hop, as the graph has it. */
export interface Hop {
  edge: EdgeAttrs;
  from: NodeAttrs;
  to: NodeAttrs;
  toId: string;
}

const PRINCIPALS = new Set(['user', 'role']);
const NO_CALL = new Set(['runs-as', 'holds-credential', 'admin-equivalent']);
const rank = (status: HopRecordStatus) => HOP_RECORDS.indexOf(status);

/** Services whose events CloudTrail records as global service events (in us-east-1). */
const GLOBAL_SERVICES = new Set(['iam', 'sts', 'organizations', 'cloudfront', 'route53']);

/**
 * Trails of the account that cover calls to `service` in `region`. Without a region, a global
 * service's calls count for trails that include global events; any other service's call could
 * be made in any Region the caller picks (Bedrock models), so only multi-Region trails cover it.
 */
function covering(account: AccountLogging, region: string | undefined, service: string): TrailFacts[] {
  if (region !== undefined) return account.trails.filter((t) => t.multiRegion || t.homeRegion === region);
  if (!GLOBAL_SERVICES.has(service)) return account.trails.filter((t) => t.multiRegion);
  return account.trails.filter((t) => t.multiRegion || (t.globalEvents && t.homeRegion === 'us-east-1'));
}

/** The record one event leaves in one account. */
function recordIn(account: AccountLogging | undefined, event: TrailEvent, call: { action: string; region: string | undefined }): { status: HopRecordStatus; trails: string[] } {
  const { region } = call;
  const eventName = call.action.slice(call.action.indexOf(':') + 1);
  if (event.category === 'unrecorded') return { status: 'none', trails: [] };
  if (!account || account.trailRegions.size === 0) return { status: 'unknown', trails: [] };
  const trails = covering(account, region, call.action.slice(0, call.action.indexOf(':')).toLowerCase());
  const recording = trails.filter((t) => t.logging === true && t.rules?.some((rule) => ruleRecords(rule, event, eventName)));
  if (recording.length) return { status: 'trail', trails: recording.map((t) => t.name) };
  const unanswered = trails.some((t) => t.logging === undefined || (t.logging && t.rules === undefined));
  if (unanswered || (region !== undefined && !account.trailRegions.has(region))) return { status: 'unknown', trails: [] };
  return { status: event.category === 'management' ? 'event-history' : 'none', trails: [] };
}

/** Bedrock invocation logging of an account: off when any Region read lacks it (the caller picks the Region). */
function invocationLoggingOf(account: AccountLogging | undefined): InvocationLogging {
  const states = [...(account?.invocationLogging.values() ?? [])];
  if (states.includes('off')) return 'off';
  return states.length && states.every((s) => s === 'on') ? 'on' : 'unknown';
}

/** The record a hop leaves. */
export function hopRecord(facts: LoggingFacts, hop: Hop): HopRecord {
  const { edge, from, to, toId } = hop;
  const calls = edge.actions.filter((a) => a !== '*');
  if (NO_CALL.has(edge.kind) || calls.length === 0) return { status: 'no-call' };
  const accounts = [...new Set([PRINCIPALS.has(from.kind) ? from.accountId : undefined, to.accountId].filter((a): a is string => a !== undefined))];
  let best: { status: HopRecordStatus; trails: string[] } = { status: 'none', trails: [] };
  let invocation: InvocationLogging | undefined;
  for (const action of calls) {
    const resource = edge.provenance.find((p) => p.action === action && p.resource)?.resource ?? toId;
    const arn = parseArn(resource);
    const region = arn?.region || to.region || undefined;
    const event = trailEvent(action, resource);
    for (const accountId of accounts.length ? accounts : [arn?.accountId ?? '']) {
      const found = recordIn(facts.accounts.get(accountId), event, { action, region });
      if (rank(found.status) < rank(best.status)) best = found;
      else if (found.status === 'trail' && best.status === 'trail') best = { status: 'trail', trails: [...new Set([...best.trails, ...found.trails])].sort() };
    }
    if (MODEL_INVOCATIONS.has(action.toLowerCase())) invocation = invocationLoggingOf(facts.accounts.get(to.accountId ?? ''));
  }
  return { status: best.status, ...(best.trails.length ? { trails: best.trails } : {}), ...(invocation ? { invocationLogging: invocation } : {}) };
}

/** How visible a path is, from the records of its hops. */
export function pathLogging(records: readonly HopRecord[]): PathLogging {
  const calls = records.filter((r) => r.status !== 'no-call');
  if (calls.length && calls.every((r) => r.status === 'trail')) return 'recorded';
  if (calls.some((r) => r.status === 'unknown')) return 'unknown';
  return calls.some((r) => r.status === 'trail') ? 'partial' : 'silent';
}
