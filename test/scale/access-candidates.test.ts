/**
 * Candidate callers for an access to a crown jewel: the jewel's own account through the grant
 * index, other accounts only when the resource policy names them, exact ARNs the policy names,
 * and, when the policy may admit unnamed callers, every principal of its account (the resource
 * policy alone grants there) and those of other accounts whose identity grants can match the
 * resource (checked against the organization-wide widening on a generated organization).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../bench/generator/index.js';
import { accessArn, accessSpecs } from '../../src/graph/access.js';
import { decide } from '../../src/graph/decide.js';
import { namedAwsPrincipals } from '../../src/graph/trust-principals.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { compilePolicy, mayAllowAction, type PolicyStatementInput } from '../../src/iam/index.js';
import { accessCandidates, admitsUnnamed } from '../../src/graph/access-candidates.js';
import { buildFacts, GrantIndex, type Facts, type Principal, type Resource } from '../../src/graph/facts/index.js';
import { candidateFacts, testRole as role } from '../support/principal.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const BUCKET = 'arn:aws:s3:::data';

const read = (resource: string): PolicyStatementInput => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: resource });
const principals = [
  role(A, 'owner-reader', read(`${BUCKET}/*`)),
  role(A, 'owner-other', read('arn:aws:s3:::elsewhere/*')),
  role(A, 'owner-bare'),
  role(B, 'partner-reader', read('*')),
  role(C, 'stranger-reader', read('*')),
  role(C, 'named-without-identity'),
];
const candidatesFor = accessCandidates(candidateFacts(principals));

function bucket(...statements: PolicyStatementInput[]): Resource {
  return {
    arn: BUCKET,
    kind: 'bucket',
    name: 'data',
    accountId: A,
    partition: 'aws',
    tags: {},
    flags: [],
    ...(statements.length ? { policy: compilePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'resource', id: `${BUCKET}#resource-policy` }) } : {}),
  };
}
const grant = (principal: PolicyStatementInput['Principal']): PolicyStatementInput => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `${BUCKET}/*` });

describe('accessCandidates', () => {
  it.each([
    ['no resource policy: the owner account only', bucket(), ['owner-reader']],
    ['a policy naming no one: the owner account only', bucket({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${BUCKET}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), ['owner-reader']],
    ['a policy naming an account root', bucket(grant({ AWS: `arn:aws:iam::${B}:root` })), ['owner-reader', 'partner-reader']],
    ['a policy naming an account id', bucket(grant({ AWS: B })), ['owner-reader', 'partner-reader']],
    ['a policy naming an exact role', bucket(grant({ AWS: `arn:aws:iam::${C}:role/named-without-identity` })), ['owner-reader', 'named-without-identity']],
    ['a policy open to everyone', bucket(grant('*')), ['owner-reader', 'owner-other', 'owner-bare', 'partner-reader', 'stranger-reader']],
    ['a policy open to the organization', bucket({ ...grant('*'), Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-example' } } }), ['owner-reader', 'owner-other', 'owner-bare', 'partner-reader', 'stranger-reader']],
    ['a policy naming a role pattern', bucket(grant({ AWS: `arn:aws:iam::${C}:role/*` })), ['owner-reader', 'owner-other', 'owner-bare', 'partner-reader', 'stranger-reader']],
    ['a NotPrincipal allow', bucket({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${B}:root` }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }), ['owner-reader', 'owner-other', 'owner-bare', 'partner-reader', 'stranger-reader']],
  ])('%s', (_, resource, names) => {
    const found = candidatesFor(resource, ['s3:GetObject'], `${BUCKET}/*`);
    expect([...found].map((p) => p.name).sort()).toEqual([...names].sort());
  });
});

describe('accessCandidates under a policy admitting unnamed callers', () => {
  const elsewhere = role(C, 'stranger-elsewhere', read('arn:aws:s3:::elsewhere/*'));
  const all = [...principals, elsewhere];
  const find = accessCandidates(candidateFacts(all));

  it('leaves out callers of other accounts whose identity grants cannot match the resource', () => {
    const found = find(bucket(grant('*')), ['s3:GetObject'], `${BUCKET}/*`);
    // The owner account's callers all stay, with identity policies or without: the policy alone may admit them.
    expect([...found].map((p) => p.name)).toEqual(['owner-reader', 'owner-other', 'owner-bare', 'partner-reader', 'stranger-reader']);
  });

  it('keeps facts order when the account’s principals are not contiguous in it (a guest session’s sts ARN sorts after every iam ARN)', () => {
    const guest = { ...role(A, 'web-guest'), arn: `arn:aws:sts::${A}:assumed-role/web/CognitoIdentityCredentials` };
    const found = accessCandidates(candidateFacts([...principals, guest]))(bucket(grant('*')), ['s3:GetObject'], `${BUCKET}/*`);
    expect([...found].map((p) => p.name)).toEqual(['owner-reader', 'owner-other', 'owner-bare', 'partner-reader', 'stranger-reader', 'web-guest']);
  });
});

describe('accessCandidates, widened without the whole organization (generated organization)', () => {
  let dir: string;
  let facts: Facts;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blastpath-broad-candidates-'));
    const org = join(dir, 'org.json');
    await writeSnapshot(org, { roles: 400, accounts: 5, seed: 'broad-candidates' });
    facts = buildFacts(await loadInputs([org]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The plain widening: every principal of the resource's account or whose policies name the action, in facts order, then the exact ARNs named. */
  function widened(resource: Resource, actions: readonly string[]): Principal[] {
    const out = new Set<Principal>();
    for (const action of actions) {
      for (const p of facts.principals) if (p.accountId === resource.accountId || mayAllowAction(p.identity, action)) out.add(p);
      for (const n of namedAwsPrincipals(resource.policy!, action)) {
        const exact = n.type === 'arn' ? facts.principalsByArn.get(n.pattern) : undefined;
        if (exact) out.add(exact);
      }
    }
    return [...out];
  }

  it('keeps the widened order and leaves out only callers of other accounts every action denies', () => {
    const find = accessCandidates(facts);
    const rules = loadRules();
    let broad = 0;
    let dropped = 0;
    for (const resource of facts.resources) {
      if (!resource.policy) continue;
      const specs = accessSpecs(rules, resource);
      const asked = [...Object.values(specs).map((spec) => ({ actions: spec!.anyOf, arn: accessArn(spec!, resource) })), ...(resource.kind === 'lambda-function' ? [{ actions: ['lambda:InvokeFunction'], arn: resource.arn }] : [])];
      for (const { actions, arn } of asked) {
        if (!actions.some((a) => admitsUnnamed(resource.policy!, a))) continue;
        broad++;
        const wide = widened(resource, actions);
        const found = [...find(resource, actions, arn)];
        const kept = new Set(found);
        expect(found).toEqual(wide.filter((p) => kept.has(p)));
        for (const caller of wide) {
          if (kept.has(caller)) continue;
          dropped++;
          expect(caller.accountId).not.toBe(resource.accountId);
          for (const action of actions) {
            const result = decide({ caller, action, resource: arn, resourceAccount: resource.accountId, resourcePolicy: resource.policy, mode: resource.kind === 'kms-key' ? 'required' : 'optional' });
            expect(result.decision).toBe('denied');
          }
        }
      }
    }
    expect(broad).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
  });
});
