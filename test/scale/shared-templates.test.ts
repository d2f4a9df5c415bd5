/**
 * Merged edges’ templates and blocks’ target lists shared across callers, and throughs left out
 * (src/graph/techniques/hop-templates.ts `SharedTemplates`, shared-lists.ts, block-forming.ts `pushGrant`): the
 * conditional administrators of a dense account each merge a grant per role into their edge to
 * the admin node, and callers holding one policy make the same templates. An account built to
 * trap a careless sharing: two callers of one managed policy (shared), one of the same
 * statements under another condition (residual), one with an inline copy (another policy id),
 * and one with the policy and an explicit deny of some roles; blocks over the same targets
 * share one list, and two callers between the others hold lists of the same ends that differ
 * in the middle;
 * and roles with customer policies of their own (a template per role and caller), their trusts of
 * one text but other Sids (records named through the role). Read as pairs, the step must give
 * exactly the reference path's edges and the pair-by-pair step's, field for field and in order.
 */
import { describe, expect, it } from 'vitest';
import { AccountBuilder } from '../../bench/generator/account.js';
import { allow, arn, deny, doc, trust } from '../../bench/generator/documents.js';
import { buildFacts } from '../../src/graph/facts/index.js';
import { MergedEdge } from '../../src/graph/merged-edge.js';
import { TargetBlock, type HopTemplate } from '../../src/graph/target-block.js';
import { techniqueEdges, type TechniqueEdges } from '../../src/graph/techniques/index.js';
import { BlockForming } from '../../src/graph/techniques/block-forming.js';
import { SharedLists } from '../../src/graph/techniques/shared-lists.js';
import { EdgeSet, ProvenanceKeys } from '../../src/graph/edges.js';
import type { Decided, SharedHopParts } from '../../src/graph/techniques/decided.js';
import type { EvaluationResult } from '../../src/iam/index.js';
import type { Principal } from '../../src/graph/facts/index.js';
import type { TechniqueRule } from '../../src/rules/index.js';
import { loadRules } from '../../src/rules/index.js';
import { hopAttrs } from '../../src/graph/target-block.js';
import { loadedAccounts, placedView, techniqueScope, techniqueStep } from '../support/technique-step.js';

const rules = loadRules();
const ACCOUNT = '717171828282';
const CREATED = '2024-01-01T00:00:00Z';
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
const NETWORK = { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } };
const user = (name: string) => arn.user(ACCOUNT, name);
const role = (name: string) => arn.role(ACCOUNT, name);

function account(): Record<string, unknown> {
  const b = new AccountBuilder(ACCOUNT, 'shared-templates', 'object');
  const admin = allow('Iam', ['iam:*', 'sts:AssumeRole'], '*', MFA);
  const managed = b.customerPolicy('conditional-admin', doc(admin), CREATED);
  b.user({ name: 'admin-1', managed: [managed], created: CREATED });
  b.user({ name: 'admin-2', managed: [managed], created: CREATED });
  // The same statements under another condition: equal records but for the residual.
  b.user({ name: 'network', inline: { admin: doc(allow('Iam', ['iam:*', 'sts:AssumeRole'], '*', NETWORK)) }, created: CREATED });
  // The same statement inline: the same condition, another policy id.
  b.user({ name: 'inline', inline: { admin: doc(admin) }, created: CREATED });
  // The policy, and none of the x roles.
  b.user({ name: 'fenced', managed: [managed], inline: { fence: doc(deny('NoX', '*', role('*-x'))) }, created: CREATED });
  for (let n = 0; n < 4; n++) {
    for (const s of ['a', 'x']) {
      // A customer policy of its own per role: a template per role and caller.
      const own = b.customerPolicy(`r${n}-${s}-policy`, doc(allow('Read', 's3:GetObject', '*')), CREATED);
      const sid = { Sid: `Trust${n}`, Effect: 'Allow', Principal: { AWS: [arn.root(ACCOUNT)] }, Action: 'sts:AssumeRole' };
      b.role({ name: `r${n}-${s}`, trust: n % 2 ? trust.aws(arn.root(ACCOUNT)) : doc(sid as never), managed: [own], created: CREATED });
      b.user({ name: `u${n}-${s}`, created: CREATED });
    }
  }
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

const { input } = loadedAccounts('shared-templates', () => [account()]);

function pairByPair(): TechniqueEdges {
  const facts = buildFacts(input());
  const { keys, scope } = techniqueScope(facts, rules);
  return techniqueEdges(facts, rules, scope, keys, { blocks: false });
}

const mergedOf = (found: TechniqueEdges, technique: string, caller: string) => found.blocks.find((b): b is MergedEdge => b instanceof MergedEdge && b.data.identity.technique === technique && b.data.from === user(caller));

/** Per role, the template its grant took (the last one, when a role has several). */
const templateByRole = (edge: MergedEdge) => new Map(edge.data.targets.map((t, k) => [t, edge.data.hops[edge.data.hop[k]!]!] as const));

describe('merged edges’ templates shared across callers', () => {
  it('read as the reference path’s and the pair-by-pair step’s edges, field for field and in order', () => {
    const fast = techniqueStep(input(), rules, false);
    const view = placedView(fast);
    expect(view.length).toBeGreaterThan(100);
    expect(view).toEqual(placedView(techniqueStep(input(), rules, true)));
    expect(view).toEqual(placedView(pairByPair()));
  });

  it('are one object for callers of one policy, and apart for another condition or policy', () => {
    const fast = techniqueStep(input(), rules, false);
    for (const technique of ['iam-create-policy-version-assume', 'iam-put-role-policy-assume']) {
      const [one, two, network, inline, fenced] = ['admin-1', 'admin-2', 'network', 'inline', 'fenced'].map((c) => templateByRole(mergedOf(fast, technique, c)!));
      expect(one!.size).toBeGreaterThanOrEqual(8);
      for (const [target, template] of one!) {
        expect(two!.get(target)).toBe(template);
        expect(network!.get(target)).not.toBe(template);
        expect(network!.get(target)!.residual).not.toEqual(template.residual);
        expect(inline!.get(target)).not.toBe(template);
        // The deny cuts the x roles; the others' grants are the policy's alone.
        if (target.endsWith('-x')) expect(fenced!.has(target)).toBe(false);
        else expect(fenced!.get(target)).toBe(template);
      }
    }
    // One list of targets for blocks of the same list: the policy's callers over every role;
    // the users but the caller for the two callers between the others (same ends, not the same).
    const putRole = (c: string) => mergedOf(fast, 'iam-put-role-policy-assume', c)!.data.targets;
    expect(putRole('admin-2')).toBe(putRole('admin-1'));
    expect(putRole('fenced')).not.toBe(putRole('admin-1'));
    const keys = (c: string) => fast.blocks.filter((b): b is TargetBlock => b instanceof TargetBlock && b.data.identity.technique === 'iam-create-access-key' && b.data.from === user(c)).flatMap((b) => b.data.targets);
    expect(keys('inline')).toContain(user('network'));
    expect(keys('network')).toContain(user('inline'));
    // Every grant passes through its own role: no list of throughs is kept.
    expect(mergedOf(fast, 'iam-put-role-policy-assume', 'admin-1')!.data.throughs).toBeUndefined();
  });
});

describe('shared target lists', () => {
  it('are one array for lists of the same content, apart when only the middle differs', () => {
    const lists = new SharedLists();
    const first = ['a', 'b', 'c'];
    expect(lists.shared(first)).toBe(first);
    expect(lists.shared(['a', 'b', 'c'])).toBe(first);
    const middle = ['a', 'x', 'c'];
    expect(lists.shared(middle)).toBe(middle);
    expect(lists.shared(['a', 'x', 'c'])).toBe(middle);
    expect(lists.shared(['a', 'b', 'c', 'c'])).not.toBe(first);
  });
});

describe('a merged edge’s throughs', () => {
  const caller = { arn: user('caller') } as Principal;
  const rule = { id: 'iam-put-role-policy-assume' } as TechniqueRule;
  const identity = { kind: 'escalation', technique: rule.id } as const;
  const result = { decision: 'allowed' } as EvaluationResult;
  const parts = (target: string): SharedHopParts => ({ actions: ['iam:PutRolePolicy'], records: [[{ policy: 'p', policyKind: 'identity', statementIndex: 0, statementHash: 'h', action: 'iam:PutRolePolicy', resource: target, conditionKeys: [] }]], conditional: true, confidence: 0.5 });

  it('are kept from the first grant that does not pass through its own target, the ones before it through theirs', () => {
    const edges = new EdgeSet(new ProvenanceKeys());
    const forming = new BlockForming(edges);
    const grants: Array<[string, string | undefined]> = [
      [role('r1'), role('r1')],
      [role('r2'), role('r2')],
      [role('r3'), undefined],
      [role('r4'), role('other')],
      [role('r5'), role('r5')],
    ];
    const pairs = new EdgeSet(new ProvenanceKeys());
    for (const [target, through] of grants) {
      const decided: Decided[] = [{ action: 'iam:PutRolePolicy', resource: target, result }];
      forming.merge(rule, identity, caller, 'admin:1', { arn: target }, decided, () => parts(target), through);
      const hop: HopTemplate = { conditional: true, confidence: 0.5, actions: ['iam:PutRolePolicy'], records: parts(target).records[0]!.map((record) => ({ record, varies: false })) };
      pairs.putOwned(caller.arn, 'admin:1', hopAttrs(identity, hop, target, undefined, through), 'k');
    }
    const [edge] = forming.finish().blocks as MergedEdge[];
    expect(edge!.data.throughs).toEqual([role('r1'), role('r2'), null, role('other'), role('r5')]);
    expect(JSON.stringify(edge!.attrsAt())).toBe(JSON.stringify(pairs.get('k')));
    expect(edge!.attrsAt().through).toBe(role('r1'));
  });
});
