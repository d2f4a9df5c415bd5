/**
 * A resource policy that admits callers it does not name exactly (`Principal: "*"` pinned by
 * aws:PrincipalOrgID or aws:PrincipalAccount) grants, in its own account, without any identity
 * policy: "Policy evaluation logic" (IAM User Guide): within one account an Allow in either the
 * identity or the resource policy suffices, and a grant to the calling session itself (which
 * `*` names) is not limited by a permissions boundary's implicit deny, while one naming the role
 * ARN is. Across accounts the identity policy must allow too ("Cross-account policy evaluation
 * logic"). fixtures/iam/same-account-grants.snapshot.json, README beside it: every principal
 * that gets no edge has a control that gets one, so no test passes because nothing was drawn.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/graph/facts/index.js';
import type { BuiltGraph } from '../../src/graph/index.js';
import { toolGrants } from '../../src/graph/tool-grants.js';
import { loadInputs } from '../../src/load/index.js';
import { edgeBetween, graphOf } from './helpers.js';

const FIXTURE = 'fixtures/iam/same-account-grants.snapshot.json';
const A = '111111111111';
const B = '222222222222';
const role = (name: string, account = A) => `arn:aws:iam::${account}:role/${name}`;
const BUCKET = 'arn:aws:s3:::org-curated';
const NAMED_BUCKET = 'arn:aws:s3:::named-data';
const SECRET = `arn:aws:secretsmanager:us-east-1:${A}:secret:shared/api-token-AbCdEf`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/22222222-bbbb-4bbb-8bbb-000000000001`;
const TOOL = `arn:aws:lambda:us-east-1:${A}:function:org-tool`;
const SHARED = [BUCKET, SECRET, KEY];

let built: BuiltGraph;
beforeAll(async () => {
  built = await graphOf(FIXTURE);
});

const reads = (from: string, to: string) => edgeBetween(built, from, to, 'data-access');

describe('a same-account resource policy grant needs no identity policy', () => {
  it.each(SHARED)('a role with no identity policy reads %s', (jewel) => {
    const edge = reads(role('workload-bare'), jewel);
    expect(edge?.attrs.conditional).toBe(false);
    // The grant is the resource policy's alone.
    expect(edge!.attrs.provenance.map((p) => p.policyKind)).toEqual(['resource']);
  });

  it.each(SHARED)('a boundary allowing none of it does not limit the `*` grant (%s)', (jewel) => {
    expect(reads(role('workload-bounded'), jewel)?.attrs.conditional).toBe(false);
  });

  it('a boundary limits a grant naming the role ARN', () => {
    expect(reads(role('workload-bounded'), NAMED_BUCKET)).toBeUndefined();
  });

  it.each(SHARED)('an explicit Deny in the identity policy stops it (%s)', (jewel) => {
    expect(reads(role('workload-denied'), jewel)).toBeUndefined();
  });

  it.each(SHARED)('an SCP Deny stops it (%s)', (jewel) => {
    expect(reads(role('scp-blocked'), jewel)).toBeUndefined();
  });

  it.each([BUCKET, KEY])('across accounts the identity policy must allow too (%s)', (jewel) => {
    expect(reads(role('member-bare', B), jewel)).toBeUndefined();
    expect(reads(role('member-reader', B), jewel)?.attrs.conditional).toBe(false);
  });

  it('the secret pinned to its own account admits no member of another', () => {
    expect(reads(role('member-reader', B), SECRET)).toBeUndefined();
  });
});

describe('a same-account function policy grant is a tool of every principal it admits', () => {
  it('lists the function for the roles it admits, not for the denied ones or another account\'s', async () => {
    const facts = buildFacts(await loadInputs([FIXTURE]));
    // Every principal may hold a card here (in the graph only workload roles and assumed roles do).
    const tools = toolGrants(facts, new Set(), new Set(facts.principals.map((p) => p.arn)));
    const holders = [...tools].filter(([, fns]) => fns.includes(TOOL)).map(([arn]) => arn).sort();
    expect(holders).toEqual([role('tool-runner'), role('workload-bare'), role('workload-bounded')]);
  });
});
