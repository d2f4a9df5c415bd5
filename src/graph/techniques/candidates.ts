/**
 * The edges a relation offers one caller: where each would point and what its actions are
 * checked on. Lists that do not depend on the caller are computed once per build.
 */
import { groupBy } from '../../core/collections.js';
import { compareStrings, sortByKey } from '../../core/hash.js';
import type { TechniqueRule } from '../../rules/index.js';
import type { BuildContext } from '../context.js';
import type { Principal } from '../inventory/index.js';
import { nodeIds } from '../schema.js';
import { agentCandidates } from './agents.js';
import { meetsAll } from './facts.js';
import { groupsOf } from './groups.js';
import { configuration, type Candidate, type TechniqueTarget, type Workload } from './model.js';
import { allowsOn } from './requirements.js';
import { serviceTrusts } from './service-trust.js';
import { prefixCandidates, supplyChainCandidates } from './supply-chain.js';
import { workloadsOf } from './workloads.js';

/** Where a hop onto `principal` points for the rule's gain; undefined when there is nothing to point to. */
function gainNode(ctx: BuildContext, rule: TechniqueRule, principal: Principal): string | undefined {
  if (rule.gain === 'admin') return principal.boundary ? principal.arn : nodeIds.admin(principal.accountId);
  if (rule.gain === 'model-invocation') {
    const node = nodeIds.foundationModels(principal.accountId);
    return ctx.graph.hasNode(node) ? node : undefined;
  }
  return principal.arn;
}

const valueCache = new WeakMap<BuildContext, Map<string, unknown>>();

/** A value (a list, an index) that depends only on `key`, computed once per build. */
function cached<T>(ctx: BuildContext, key: string, make: () => T): T {
  let values = valueCache.get(ctx);
  if (!values) valueCache.set(ctx, (values = new Map()));
  let value = values.get(key) as T | undefined;
  if (value === undefined) values.set(key, (value = make()));
  return value;
}

/**
 * Users or roles of the caller's account (trusting `service` when given), the caller included:
 * tryEdge skips an edge to the caller itself, so the list is shared by every caller of the account.
 */
function accountPrincipals(ctx: BuildContext, caller: Principal, kind: 'user' | 'role', service?: string): Principal[] {
  return cached(ctx, `principals|${caller.accountId}|${kind}|${service ?? ''}`, () => {
    // Filter the account's principals of the kind, themselves listed once per account.
    const ofKind = cached(ctx, `kind|${caller.accountId}|${kind}`, () => byAccount(ctx).get(caller.accountId)?.filter((p) => p.kind === kind) ?? []);
    return service ? ofKind.filter((p) => serviceTrusts(p, service)) : ofKind;
  });
}

/** Principals by account, in inventory order. */
function byAccount(ctx: BuildContext): Map<string, Principal[]> {
  return cached(ctx, 'principals-by-account', () => groupBy(ctx.inventory.principals, (p) => p.accountId));
}

/** IAM refuses to change service-linked roles (UnmodifiableEntity), so no technique rewrites them. */
const SERVICE_LINKED = ':role/aws-service-role/';

function principalCandidates(ctx: BuildContext, rule: TechniqueRule, caller: Principal, kind: 'user' | 'role'): Candidate[] {
  // Shared by every caller of the account (a rewritten trust is built per caller when decided).
  return cached(ctx, `candidates|${rule.id}|${caller.accountId}`, () =>
    accountPrincipals(ctx, caller, kind)
      .filter((p) => !p.arn.includes(SERVICE_LINKED))
      .flatMap((p) => {
        const node = gainNode(ctx, rule, p);
        return node ? [{ node, target: { arn: p.arn, accountId: p.accountId, principal: p } }] : [];
      }),
  );
}

/** Preconditions about the role or user gained; the others are about the workload. */
const PRINCIPAL_FACTS: ReadonlySet<string> = new Set(['role-in-instance-profile', 'target-below-key-limit']);

/** Workload actions are checked on the workload itself; template actions may name it too. */
const WORKLOAD_ONS: ReadonlySet<string> = new Set(['workload', 'new-resource', 'named-resource']);

function passRoleCandidates(ctx: BuildContext, rule: TechniqueRule, caller: Principal): Candidate[] {
  // Roles cannot be passed across accounts; the role must trust the service.
  const roles = accountPrincipals(ctx, caller, 'role', rule.service);
  if (!rule.resourceKind) {
    return cached(ctx, `passable|${rule.service}|${caller.accountId}`, () => roles.map((role) => ({ node: role.arn, target: { arn: role.arn, accountId: role.accountId, principal: role } })));
  }
  // The edge leads to the role whatever workload is re-roled: the first workload the caller may
  // change stands for all, so the check is one per workload plus one per role.
  const workloadFacts = rule.preconditions.filter((p) => !PRINCIPAL_FACTS.has(p));
  const workload = accountWorkloads(ctx, rule.resourceKind, caller.accountId).find((w) => {
    const target = workloadTarget(w, caller);
    return meetsAll(ctx, workloadFacts, { node: '', target }) && allowsOn(ctx, rule, caller, target, WORKLOAD_ONS);
  });
  if (!workload) return [];
  // Every caller that may change this workload gets the same candidates (the caller's own ARN
  // in workloadTarget is replaced by the role's).
  return cached(ctx, `rerole|${rule.id}|${workload.arn}`, () =>
    roles.map((role) => ({ node: role.arn, target: { ...workloadTarget(workload, caller), arn: role.arn, principal: role, detail: { workload: workload.arn } } })),
  );
}

/** Workloads of a kind in one account, in ARN order. */
function accountWorkloads(ctx: BuildContext, kind: NonNullable<TechniqueRule['resourceKind']>, accountId: string): Workload[] {
  return cached(ctx, `workloads|${kind}`, () => groupBy(workloadsOf(ctx, kind), (w) => w.accountId)).get(accountId) ?? [];
}

/** A pass-role target's workload fields; `arn` and `principal` are the role's, filled by the caller. */
function workloadTarget(workload: Workload, caller: Principal): TechniqueTarget {
  return {
    arn: caller.arn,
    accountId: workload.accountId,
    workload,
    region: workload.region,
    ...(workload.domainArn ? { domainArn: workload.domainArn } : {}),
    ...(workload.resourceId ? { resourceId: workload.resourceId } : {}),
  };
}

function existingCandidates(ctx: BuildContext, rule: TechniqueRule): Candidate[] {
  return workloadsOf(ctx, rule.resourceKind!)
    .filter((w) => w.node !== undefined)
    .map((w) => ({
      node: w.node!,
      target: {
        arn: w.arn,
        accountId: w.accountId,
        region: w.region,
        workload: w,
        ...(ctx.inventory.resourcesByArn.get(w.arn) ? { resource: ctx.inventory.resourcesByArn.get(w.arn)! } : {}),
        ...(w.policy ? { policy: w.policy } : {}),
        ...(w.domainArn ? { domainArn: w.domainArn } : {}),
        ...(w.lifecycleConfigArn ? { lifecycleConfigArn: w.lifecycleConfigArn } : {}),
        ...(w.resourceId ? { resourceId: w.resourceId } : {}),
        evidence: w.evidence,
        ...(w.kind === 'ec2-instance' ? { detail: { instance: w.arn } } : {}),
      },
    }));
}

/** Users whose active access key sits in the configuration of a workload of the rule's kind. */
function credentialCandidates(ctx: BuildContext, rule: TechniqueRule): Candidate[] {
  const workloads = new Map(workloadsOf(ctx, rule.resourceKind!).map((w) => [w.arn, w]));
  return ctx.input.credentials.flatMap((credential) => {
    const workload = workloads.get(credential.resourceArn);
    const user = credential.accessKeyId ? ctx.inventory.activeKeys.get(credential.accessKeyId) : undefined;
    if (!workload || !user) return [];
    const resource = ctx.inventory.resourcesByArn.get(workload.arn);
    return [
      {
        node: user,
        target: {
          arn: workload.arn,
          accountId: workload.accountId,
          region: workload.region,
          ...(resource ? { resource } : {}),
          ...(workload.keyArn ? { keyArn: workload.keyArn } : {}),
          evidence: [configuration(workload.arn, credential.field)],
          detail: { variable: credential.variable },
        },
      },
    ];
  });
}

function joinGroupCandidates(ctx: BuildContext, caller: Principal): Candidate[] {
  if (caller.kind !== 'user') return [];
  return groupsOf(ctx, caller.accountId)
    .filter((g) => !caller.groups.includes(g.name))
    .sort((a, b) => compareStrings(a.arn, b.arn))
    .map((g) => ({ node: nodeIds.admin(caller.accountId), target: { arn: g.arn, accountId: g.accountId, detail: { group: g.arn } } }));
}

/** Relations whose candidates do not depend on the caller: callers are found per candidate (callers.ts). */
export const CALLER_INDEPENDENT: ReadonlySet<string> = new Set(['existing-resource', 'supply-chain', 'prefix-access', 'agent-tool', 'credential-read']);

/** Candidates of a caller-independent relation, computed once per rule and build. */
function ruleCandidates(ctx: BuildContext, rule: TechniqueRule): Candidate[] {
  return cached(ctx, `rule|${rule.id}`, () => {
    switch (rule.relation) {
      case 'existing-resource':
        return existingCandidates(ctx, rule);
      case 'supply-chain':
        return supplyChainCandidates(ctx, rule);
      case 'prefix-access':
        return prefixCandidates(ctx, rule);
      case 'agent-tool':
        return agentCandidates(ctx, rule);
      case 'credential-read':
        return credentialCandidates(ctx, rule);
      default:
        return [];
    }
  });
}

function callerCandidates(ctx: BuildContext, rule: TechniqueRule, caller: Principal): Candidate[] {
  switch (rule.relation) {
    case 'self-admin':
    case 'self-unblock':
      return [{ node: nodeIds.admin(caller.accountId), target: { arn: caller.arn, accountId: caller.accountId, principal: caller } }];
    case 'user-credential':
      return principalCandidates(ctx, rule, caller, 'user');
    case 'role-takeover':
      return principalCandidates(ctx, rule, caller, 'role');
    case 'pass-role':
      return passRoleCandidates(ctx, rule, caller);
    case 'join-group':
      return joinGroupCandidates(ctx, caller);
    default:
      return [];
  }
}

/** Candidates in content order: the first proof of a node stands for the others (tryEdge). */
function candidateKey(c: Candidate): string {
  return [c.node, c.target.arn, c.target.artifact?.arn ?? '', c.target.detail ? JSON.stringify(c.target.detail) : ''].join('\u0000');
}

/** Candidates of a caller-independent rule that meet the rule's preconditions, in content order. */
export function candidatesOf(ctx: BuildContext, rule: TechniqueRule): Candidate[] {
  return cached(ctx, `met|${rule.id}`, () =>
    sortByKey(
      ruleCandidates(ctx, rule).filter((c) => meetsAll(ctx, rule.preconditions, c)),
      candidateKey,
    ),
  );
}

/** Candidates of a caller-dependent rule for one caller that meet the rule's preconditions. */
export function candidatesFor(ctx: BuildContext, rule: TechniqueRule, caller: Principal): Candidate[] {
  const all = callerCandidates(ctx, rule, caller);
  return rule.preconditions.length ? all.filter((c) => meetsAll(ctx, rule.preconditions, c)) : all;
}
