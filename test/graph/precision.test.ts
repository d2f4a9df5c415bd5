/**
 * The evaluator's precision as the graph sees it (fixtures/iam/precision.snapshot.json, see its
 * README): time windows decided as of the analysis time, a region guardrail decided by each
 * resource's region (and the attacker's pick for `*`), and ${aws:username} for a role matching
 * nothing. Each case has a control edge that stays, and none of them is conditional any more.
 */
import { describe, expect, it } from 'vitest';
import { forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph, type BuiltGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';

const FIXTURE = 'fixtures/iam/precision.snapshot.json';
const ACCT = '555555555555';
const role = (name: string) => `arn:aws:iam::${ACCT}:role/${name}`;
const EAST_SECRET = `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:prod/api-key-AbCdEf`;

async function edges(at?: string): Promise<string[]> {
  const built: BuiltGraph = buildGraph(await loadInputs([FIXTURE]), loadRules(), at ? { at } : {});
  const out: string[] = [];
  forEachEdge(built, (_key, attrs, from, to) => out.push(`${from} -> ${to} ${attrs.kind}${attrs.conditional ? ' (conditional)' : ''}`));
  return out.sort();
}

describe('precision of the graph\'s decisions', () => {
  it('as of the snapshot time: guardrailed admin folded, windows and regions decided, no conditional edge', async () => {
    expect(await edges()).toEqual(
      [
        `${role('bucket-reader')} -> arn:aws:s3:::sandbox-data data-access`,
        `${role('revoked-reader')} -> ${EAST_SECRET} data-access`,
        `${role('sandbox-admin')} -> admin:${ACCT} admin-equivalent`,
        `${role('window-reader')} -> ${EAST_SECRET} data-access`,
      ].sort(),
    );
  });

  it('as of an earlier time (--at): the expired window is open, the future one closed, the revocation applies', async () => {
    expect(await edges('2024-06-01T00:00:00Z')).toEqual(
      [
        `${role('bucket-reader')} -> arn:aws:s3:::sandbox-data data-access`,
        `${role('expired-reader')} -> ${EAST_SECRET} data-access`,
        `${role('sandbox-admin')} -> admin:${ACCT} admin-equivalent`,
      ].sort(),
    );
  });
});
