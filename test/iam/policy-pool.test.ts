/**
 * The policy pool (src/iam/policy-pool.ts) compiles repeated policy text once per build and
 * shares the objects: statement bodies of the same text, principal blocks, AWS managed policies
 * across accounts, interned names. Sharing must change no answer: the facts built with the pool
 * hold the same compiled policies as those built without it, and the evaluator decides every
 * question the same way, on the demo, on every rule fixture and on a generated organization.
 * Constructed cases where a careless key would share what differs come first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../bench/generator/index.js';
import { decide } from '../../src/graph/decide.js';
import { buildFacts, type Facts, type Principal, type Resource } from '../../src/graph/facts/index.js';
import { compilePolicy, evaluate, PolicyPool, type CompiledPolicy, type PolicyDocumentInput, type PolicySource } from '../../src/iam/index.js';
import { firstCompiled } from '../../src/iam/compile.js';
import { loadInputs } from '../../src/load/index.js';
import { alice, OTHER, ACCT, request, summary } from './helpers.js';

const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));

/** Compiles documents in order through one pool, and each apart. */
function both(...documents: Array<[PolicyDocumentInput, PolicySource]>): { pooled: CompiledPolicy[]; apart: CompiledPolicy[] } {
  const pool = new PolicyPool();
  return { pooled: documents.map(([d, s]) => compilePolicy(d, s, pool)), apart: documents.map(([d, s]) => compilePolicy(d, s)) };
}

describe('the pool shares only what compiles identically', () => {
  it('keeps the policy version apart: the same statement text reads ${aws:username} as a variable under 2012-10-17 only', () => {
    const statement = { Effect: 'Allow' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' };
    const { pooled, apart } = both(
      [{ Version: '2012-10-17', Statement: [statement] }, { kind: 'identity', id: 'with-variables' }],
      [{ Statement: [statement] }, { kind: 'identity', id: 'literal' }],
    );
    const ask = (policy: CompiledPolicy) => evaluate(request({ resource: 'arn:aws:s3:::home/alice/x', context: { 'aws:username': ['alice'] } }), { identity: [policy] }).decision;
    expect(pooled.map(ask)).toEqual(['allowed', 'denied']);
    expect(pooled.map(ask)).toEqual(apart.map(ask));
    expect(firstCompiled(pooled[1]!.statements[0]!)).toBe(pooled[1]!.statements[0]);
  });

  it('shares a condition clause across versions, compiling it apart for variables and literal text', () => {
    const statement = { Effect: 'Allow' as const, Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } } };
    const { pooled, apart } = both(
      [{ Version: '2012-10-17', Statement: [statement] }, { kind: 'resource', id: 'a#resource-policy' }],
      [{ Statement: [statement] }, { kind: 'resource', id: 'b#resource-policy' }],
    );
    expect(pooled[1]!.statements[0]!.conditions[0]).toBe(pooled[0]!.statements[0]!.conditions[0]);
    const context = { 'aws:username': ['alice'], 'aws:principaltag/team': ['alice'] };
    const ask = (policy: CompiledPolicy) => evaluate(request({ context }), { identity: [policy] }).decision;
    expect(pooled.map(ask)).toEqual(['allowed', 'denied']);
    expect(pooled.map(ask)).toEqual(apart.map(ask));
  });

  it('keeps Principal and NotPrincipal apart when they name the same principal', () => {
    // NotPrincipal exempts an IAM user only when it lists both the user and its account.
    const block = { AWS: [alice.arn, `arn:aws:iam::${ACCT}:root`] };
    const { pooled, apart } = both(
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: block, Action: 's3:GetObject', Resource: '*' }] }, { kind: 'resource', id: 'a#resource-policy' }],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: block, Action: 's3:GetObject', Resource: '*' }] }, { kind: 'resource', id: 'b#resource-policy' }],
    );
    const ask = (policy: CompiledPolicy) => evaluate(request(), { identity: [], resource: policy }).decision;
    expect(pooled.map(ask)).toEqual(['allowed', 'denied']);
    expect(pooled.map(ask)).toEqual(apart.map(ask));
    expect(pooled[0]!.statements[0]!.principal).not.toBe(pooled[1]!.statements[0]!.principal);
  });

  it('shares a statement of the same text, with its own place and the same matchers', () => {
    const statement = { Sid: 'Read', Effect: 'Allow' as const, Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCT } } };
    const { pooled, apart } = both(
      [{ Version: '2012-10-17', Statement: [statement] }, { kind: 'identity', id: 'first' }],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: 'arn:aws:s3:::other' }, { ...statement }] }, { kind: 'identity', id: 'second' }],
    );
    const [first, second] = [pooled[0]!.statements[0]!, pooled[1]!.statements[1]!];
    expect(second.actions).toBe(first.actions);
    expect(firstCompiled(second)).toBe(first);
    expect(second.ref).toEqual({ policy: { kind: 'identity', id: 'second' }, index: 1, sid: 'Read', hash: first.ref.hash });
    expect(pooled).toEqual(apart);
    // The same decisions, each naming its own policy: the caller's account decides the condition.
    for (const principal of [alice, { ...alice, arn: `arn:aws:iam::${OTHER}:user/alice`, accountId: OTHER }]) {
      const context = { 'aws:principalaccount': [principal.accountId!] };
      const ask = (policy: CompiledPolicy) => summary(evaluate(request({ principal, context }), { identity: [policy] }));
      expect(pooled.map(ask)).toEqual(apart.map(ask));
    }
  });

  it('shares a principal block or a one-value clause only between the same type, value, operator and key as written', () => {
    const statement = (principal: unknown, condition: Record<string, Record<string, unknown>>) => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: '*', Condition: condition });
    const blocks: unknown[] = ['*', { AWS: '*' }, { AWS: alice.arn }, { Service: alice.arn }, { AWS: [alice.arn] }, { AWS: alice.arn, Service: 'lambda.amazonaws.com' }];
    const conditions: Array<Record<string, Record<string, unknown>>> = [
      { StringEquals: { 'aws:PrincipalAccount': ACCT } },
      { StringLike: { 'aws:PrincipalAccount': ACCT } },
      { StringEquals: { 'aws:principalaccount': ACCT } },
      { StringEquals: { 'aws:PrincipalAccount': [ACCT, OTHER] } },
      { StringEquals: { 'aws:PrincipalAccount': OTHER } },
    ];
    const documents = blocks.flatMap((block, i) => conditions.map((condition, j): [PolicyDocumentInput, PolicySource] => [{ Version: '2012-10-17', Statement: [statement(block, condition) as never] }, { kind: 'resource', id: `p${i}-${j}#resource-policy` }]));
    // Each twice, the second a copy: the copy shares the first's pieces, nothing else does.
    const { pooled, apart } = both(...documents, ...documents.map(([d, s]): [PolicyDocumentInput, PolicySource] => [structuredClone(d), { ...s, id: `copy-${s.id}` }]));
    const n = documents.length;
    const principals = new Set(pooled.slice(0, n).map((p) => p.statements[0]!.principal));
    const clauses = new Set(pooled.slice(0, n).map((p) => p.statements[0]!.conditions[0]));
    expect(principals.size).toBe(blocks.length);
    expect(clauses.size).toBe(conditions.length);
    pooled.slice(n).forEach((copy, i) => {
      expect(copy.statements[0]!.principal).toBe(pooled[i]!.statements[0]!.principal);
      expect(copy.statements[0]!.conditions[0]).toBe(pooled[i]!.statements[0]!.conditions[0]);
    });
    expect(pooled.map((p) => p.statements.map(({ principal, conditions }) => ({ principal, conditions })))).toEqual(apart.map((p) => p.statements.map(({ principal, conditions }) => ({ principal, conditions }))));
    // The same one-value block as Principal and as NotPrincipal, and "*" both ways.
    const pool = new PolicyPool();
    const not = (block: unknown, negated: boolean, id: string) =>
      compilePolicy({ Statement: [{ Effect: 'Deny', [negated ? 'NotPrincipal' : 'Principal']: block, Action: '*', Resource: '*' } as never] }, { kind: 'resource', id }, pool).statements[0]!.principal;
    expect([not({ AWS: alice.arn }, false, 'a'), not({ AWS: alice.arn }, true, 'b'), not('*', false, 'c'), not('*', true, 'd')].map((p) => p?.not)).toEqual([false, true, false, true]);
  });

  it('compiles a managed policy once for accounts that hold the same version, apart for another document', () => {
    const pool = new PolicyPool();
    const source = { kind: 'identity' as const, id: 'arn:aws:iam::aws:policy/Shared', versionId: 'v2' };
    const wide: PolicyDocumentInput = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    const narrow: PolicyDocumentInput = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] };
    const compile = (document: PolicyDocumentInput) => pool.managed(document, source, () => compilePolicy(document, source, pool));
    const [a, b, c] = [compile(wide), compile(structuredClone(wide)), compile(narrow)];
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect([a, c].map((p) => evaluate(request(), { identity: [p] }).decision)).toEqual(['allowed', 'denied']);
  });
});

/** The compiled policies of a build: what sharing may not change. */
function compiledOf(facts: Facts) {
  return {
    principals: facts.principals.map((p) => ({ arn: p.arn, identity: p.identity, boundary: p.boundary, trust: p.trust })),
    resources: facts.resources.map((r) => ({ arn: r.arn, policy: r.policy })),
    groups: [...facts.accounts.keys()].flatMap((id) => facts.iam.groupsOf(id)),
  };
}

const ACTIONS = ['s3:GetObject', 's3:PutObject', 'lambda:InvokeFunction', 'lambda:UpdateFunctionCode', 'secretsmanager:GetSecretValue', 'kms:Decrypt', 'iam:PassRole', 'sagemaker:InvokeEndpoint'];

/** Every action a policy of the build names without a wildcard, and the usual ones. */
function actionsOf(facts: Facts): string[] {
  const named = new Set(ACTIONS);
  const policies = [...facts.principals.flatMap((p) => [...p.identity, ...(p.boundary ? [p.boundary] : [])]), ...facts.resources.flatMap((r) => (r.policy ? [r.policy] : []))];
  for (const policy of policies) for (const s of policy.statements) for (const a of s.actions) if (!a.includes('*') && !a.includes('?')) named.add(a);
  return [...named].sort();
}

/** The same question on both builds, for every caller, action and resource picked: each answer must be equal. */
function sameDecisions(pooled: Facts, apart: Facts, every = 1): number {
  expect(pooled.principals.map((p) => p.arn)).toEqual(apart.principals.map((p) => p.arn));
  expect(pooled.resources.map((r) => r.arn)).toEqual(apart.resources.map((r) => r.arn));
  const actions = actionsOf(pooled);
  const roles = pooled.principals.flatMap((p, i) => (p.trust ? [i] : []));
  const wrong: string[] = [];
  let asked = 0;
  const compare = (label: string, a: () => unknown, b: () => unknown) => {
    asked++;
    const [x, y] = [JSON.stringify(a()), JSON.stringify(b())];
    if (x !== y) wrong.push(`${label}: ${x} != ${y}`);
  };
  const ask = (caller: Principal, action: string, resource: Resource | Principal, policy: CompiledPolicy | undefined, mode: 'optional' | 'required') =>
    decide({ caller, action, resource: resource.arn, resourceAccount: resource.accountId, ...(policy ? { resourcePolicy: policy } : {}), mode });
  pooled.principals.forEach((caller, c) => {
    const twin = apart.principals[c]!;
    pooled.resources.forEach((resource, r) => {
      if ((c + r) % every !== 0) return;
      for (const action of actions) {
        compare(`${caller.arn} ${action} ${resource.arn}`, () => ask(caller, action, resource, resource.policy, 'optional'), () => ask(twin, action, apart.resources[r]!, apart.resources[r]!.policy, 'optional'));
      }
    });
    for (const r of roles) {
      if ((c + r) % every !== 0) continue;
      const [role, roleTwin] = [pooled.principals[r]!, apart.principals[r]!];
      compare(`${caller.arn} assumes ${role.arn}`, () => ask(caller, 'sts:AssumeRole', role, role.trust, 'required'), () => ask(twin, 'sts:AssumeRole', roleTwin, roleTwin.trust, 'required'));
    }
  });
  expect(wrong.slice(0, 5)).toEqual([]);
  return asked;
}

/** Statements that took their body from an earlier one of the same text. */
const sharedStatements = (facts: Facts) =>
  facts.principals.flatMap((p) => [...p.identity, ...(p.trust ? [p.trust] : [])]).flatMap((policy) => policy.statements).filter((s) => firstCompiled(s) !== s).length;

describe('pooled and unpooled builds answer alike', () => {
  it('on the demo: the same compiled policies and every decision', async () => {
    const loaded = await loadInputs(['fixtures/demo']);
    const [pooled, apart] = [buildFacts(loaded), buildFacts(loaded, { sharePolicies: false })];
    expect(compiledOf(pooled)).toEqual(compiledOf(apart));
    // Every third caller and resource pair: every caller and every resource is still asked about.
    expect(sameDecisions(pooled, apart, 3)).toBeGreaterThan(1_000);
  }, 120_000);

  it('on every rule fixture', async () => {
    const files = readdirSync(FIXTURES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(FIXTURES_DIR, d.name)).filter((f) => f.endsWith('.json')).map((f) => join(FIXTURES_DIR, d.name, f)));
    expect(files.length).toBeGreaterThan(300);
    let asked = 0;
    for (const file of files) {
      const loaded = await loadInputs([file]);
      const [pooled, apart] = [buildFacts(loaded), buildFacts(loaded, { sharePolicies: false })];
      expect(compiledOf(pooled), file).toEqual(compiledOf(apart));
      asked += sameDecisions(pooled, apart);
    }
    expect(asked).toBeGreaterThan(3_000);
  }, 120_000);

  describe('on a generated organization', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'blastpath-policy-pool-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('shares statements and AWS managed policies across accounts, and decides alike', async () => {
      const file = join(dir, 'org.json');
      await writeSnapshot(file, { roles: 240, accounts: 4, seed: 'policy-pool' });
      const loaded = await loadInputs([file]);
      const [pooled, apart] = [buildFacts(loaded), buildFacts(loaded, { sharePolicies: false })];
      expect(compiledOf(pooled)).toEqual(compiledOf(apart));
      expect(sharedStatements(pooled)).toBeGreaterThan(100);
      expect(sharedStatements(apart)).toBe(0);
      // One compiled AdministratorAccess for every account that attaches it.
      const admin = (facts: Facts) => new Set(facts.principals.flatMap((p) => p.identity.filter((policy) => policy.source.id === 'arn:aws:iam::aws:policy/AdministratorAccess')));
      expect(new Set(pooled.principals.filter((p) => p.identity.some((policy) => admin(pooled).has(policy))).map((p) => p.accountId)).size).toBeGreaterThan(1);
      expect(admin(pooled).size).toBe(1);
      expect(admin(apart).size).toBeGreaterThan(1);
      expect(sameDecisions(pooled, apart, 31)).toBeGreaterThan(10_000);
    }, 120_000);
  });
});
