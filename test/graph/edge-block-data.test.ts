/**
 * The two blocks the technique step makes, on hand-made data: a TargetBlock's edges and a
 * MergedEdge's one edge carry, field for field and in the same key order, what the pair-by-pair
 * path (attrsOf, EdgeSet.putOwned, ProvenanceKeys.merge) gives; a block whose provenance order
 * would depend on the target is refused.
 */
import { describe, expect, it } from 'vitest';
import { EdgeSet, ProvenanceKeys } from '../../src/graph/edges.js';
import { blockFromData } from '../../src/graph/made-blocks.js';
import { MergedEdge } from '../../src/graph/merged-edge.js';
import type { EdgeAttrs, Provenance } from '../../src/graph/schema.js';
import { hopAttrs, TargetBlock, type HopTemplate } from '../../src/graph/target-block.js';
import { orderedTemplates } from '../../src/graph/techniques/hop-templates.js';

const ACCOUNT = 'arn:aws:iam::111111111111';

function record(action: string, resource: string, policy = `${ACCOUNT}:policy/p`, conditionKeys: string[] = []): Provenance {
  return { policy, policyKind: 'identity', statementIndex: 0, statementHash: 'h1', action, resource, conditionKeys };
}

/** The pair edge as the pair-by-pair path stores it: attributes put into an edge set, read back. */
function pairEdge(attrs: EdgeAttrs): EdgeAttrs {
  const set = new EdgeSet(new ProvenanceKeys());
  set.putOwned('a', 'b', attrs, 'k');
  return set.get('k')!;
}

const identity = { kind: 'escalation', technique: 'iam-create-access-key' } as const;

describe('TargetBlock', () => {
  const caller = `${ACCOUNT}:user/admin`;
  const hop: HopTemplate = {
    conditional: true,
    confidence: 0.6,
    actions: ['iam:CreateAccessKey', 'iam:ListUsers'],
    records: orderedTemplates([
      { record: record('iam:ListUsers', caller, `${ACCOUNT}:policy/b`, ['aws:multifactorauthpresent']), varies: false },
      { record: record('iam:CreateAccessKey', 'x', `${ACCOUNT}:policy/b`, ['aws:multifactorauthpresent']), varies: true },
      { record: record('iam:CreateAccessKey', 'x', `${ACCOUNT}:policy/a`), varies: true },
    ])!,
    residual: ['Bool aws:MultiFactorAuthPresent true'],
    service: 'lambda.amazonaws.com',
  };

  it('gives each edge the attributes of its pair edge, key order included', () => {
    const targets = [`${ACCOUNT}:user/zed`, `${ACCOUNT}:user/amy`];
    const block = new TargetBlock({ ...hop, from: caller, identity, targets, details: [null, { workload: 'w' }] });
    targets.forEach((target, i) => {
      const pair = pairEdge({
        ...identity,
        actions: ['iam:ListUsers', 'iam:CreateAccessKey'],
        provenance: [record('iam:ListUsers', caller, `${ACCOUNT}:policy/b`, ['aws:multifactorauthpresent']), record('iam:CreateAccessKey', target, `${ACCOUNT}:policy/b`, ['aws:multifactorauthpresent']), record('iam:CreateAccessKey', target, `${ACCOUNT}:policy/a`)],
        conditional: true,
        confidence: 0.6,
        residual: ['Bool aws:MultiFactorAuthPresent true'],
        detail: { service: 'lambda.amazonaws.com', ...(i === 1 ? { workload: 'w' } : {}) },
      });
      expect(JSON.stringify(block.attrsAt(i))).toBe(JSON.stringify(pair));
      expect(block.targetAt(i)).toBe(target);
    });
    expect(block.shared).toEqual({ ...identity, conditional: true, confidence: 0.6 });
    expect(blockFromData(structuredClone(block.data)).attrsAt(1)).toStrictEqual(block.attrsAt(1));
  });

  it('is refused when a fixed record and a target record differ only by resource (their order would follow the target)', () => {
    const same = [
      { record: record('iam:CreateAccessKey', `${ACCOUNT}:user/m`), varies: false },
      { record: record('iam:CreateAccessKey', 'x'), varies: true },
    ];
    expect(orderedTemplates(same)).toBeUndefined();
    // Another action orders them whatever the target.
    expect(orderedTemplates([{ ...same[0]!, record: record('iam:ListUsers', `${ACCOUNT}:user/m`) }, same[1]!])!.map((t) => t.varies)).toEqual([true, false]);
  });
});

describe('MergedEdge', () => {
  const conditionalHop: HopTemplate = { conditional: true, confidence: 0.6, actions: ['iam:PutRolePolicy'], records: [{ record: record('iam:PutRolePolicy', 'x', `${ACCOUNT}:policy/b`, ['aws:multifactorauthpresent']), varies: true }], residual: ['mfa'] };
  const plainHop: HopTemplate = { conditional: false, confidence: 1, actions: ['iam:PutRolePolicy', 'sts:AssumeRole'], records: [{ record: record('iam:PutRolePolicy', 'x'), varies: true }, { record: record('sts:AssumeRole', 'x', `${ACCOUNT}:role/r2`), varies: true }] };
  const admin = { ...identity, technique: 'iam-put-role-policy-assume' } as const;

  it('merges its grants as ProvenanceKeys.merge does, the first unconditional grant taking over', () => {
    const grants = [
      { hop: 0, target: `${ACCOUNT}:role/r3` },
      { hop: 0, target: `${ACCOUNT}:role/r1` },
      { hop: 1, target: `${ACCOUNT}:role/r2` },
    ];
    const hops = [conditionalHop, plainHop];
    const edge = new MergedEdge({ from: `${ACCOUNT}:user/admin`, to: 'admin:111111111111', identity: admin, hops, hop: grants.map((g) => g.hop), targets: grants.map((g) => g.target), throughs: grants.map((g) => g.target) });
    const set = new EdgeSet(new ProvenanceKeys());
    for (const g of grants) set.putOwned('a', 'b', hopAttrs(admin, hops[g.hop]!, g.target, undefined, g.target), 'k');
    expect(JSON.stringify(edge.attrsAt())).toBe(JSON.stringify(set.get('k')));
    expect(edge.attrsAt().through).toBe(`${ACCOUNT}:role/r2`);
    expect(edge.attrsAt().provenance).toHaveLength(4);
    expect(edge.shared).toEqual({ ...admin, conditional: false, confidence: 1 });
    expect(edge.size).toBe(1);
    expect(edge.targetAt()).toBe('admin:111111111111');
  });
});
