/**
 * Two shortcuts of the graph steps that read resource and trust policies:
 * - namedAwsPrincipals, admitsUnnamed, allowsNotPrincipal and the techniques' namedOf test a
 *   statement's principal before its action (most statements of function and bucket policies
 *   name only services; namedOf remembers nothing for a policy naming no AWS principal); they must
 *   give what the plain reading over allowsFor gives, for every policy and every action a rule
 *   asks about, on the demo and a generated organization, and on hand-made statements.
 * - accessCandidates shares one candidate set among resources with one key (accounts, longest
 *   grant-index prefix, exact names); every set must equal the one built afresh from the grant
 *   index, and resources whose prefixes differ must not share one.
 */
import { describe, expect, it } from 'vitest';
import { accessArn, accessSpecs } from '../../src/graph/access.js';
import { accessCandidates, admitsUnnamed } from '../../src/graph/access-candidates.js';
import { buildFacts, GrantIndex, type Facts, type Principal, type Resource } from '../../src/graph/facts/index.js';
import { allowsFor, allowsNotPrincipal, classifyAwsPrincipal, namedAwsPrincipals, type NamedPrincipal } from '../../src/graph/trust-principals.js';
import { compilePolicy, type CompiledPolicy, type PolicyStatementInput } from '../../src/iam/index.js';
import { loadRules } from '../../src/rules/index.js';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { RELATIONS } from '../../src/graph/techniques/index.js';
import { namedOf } from '../../src/graph/techniques/callers.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { candidateFacts, testRole as role } from '../support/principal.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';

const rules = loadRules();
const ACTIONS = [...new Set([...rules.techniques.flatMap((t) => t.actions.map((a) => a.action)), ...Object.values(rules.resourceAccess).flatMap((specs) => Object.values(specs ?? {}).flatMap((spec) => spec?.anyOf ?? [])), 'lambda:InvokeFunction', 'sts:AssumeRole'])];

/** namedAwsPrincipals as first written: every Allow statement covering the action, then its principals. */
function plainNamed(policy: CompiledPolicy, action: string): NamedPrincipal[] {
  const out: NamedPrincipal[] = [];
  for (const statement of allowsFor(policy, action)) {
    if (!statement.principal || statement.principal.not) continue;
    const values = statement.principal.values;
    if (values === '*') {
      out.push({ type: 'anyone' });
      continue;
    }
    for (const value of values.AWS) {
      const named = classifyAwsPrincipal(value);
      if (named) out.push(named);
    }
  }
  return out;
}

/** admitsUnnamed as first written. */
function plainAdmitsUnnamed(policy: CompiledPolicy, action: string): boolean {
  for (const statement of allowsFor(policy, action)) {
    if (!statement.principal) continue;
    if (statement.principal.not || statement.principal.values === '*') return true;
    for (const value of statement.principal.values.AWS) {
      const named = classifyAwsPrincipal(value);
      if (!named || named.type === 'anyone') return true;
      if (named.type === 'arn' && (/[*?]/.test(named.pattern) || !/:(user|role)\//.test(named.pattern))) return true;
    }
  }
  return false;
}

/** The callers a technique reads from a policy (callers.ts namedOf), read plainly: sessions as their account's roles, NotPrincipal as anyone. */
function plainCallerNames(policy: CompiledPolicy, action: string): NamedPrincipal[] {
  const names = plainNamed(policy, action).map((named): NamedPrincipal => {
    const session = named.type === 'arn' ? /^arn:([^:]+):sts::(\d{12}):assumed-role\//.exec(named.pattern) : null;
    return session ? { type: 'arn', accountId: session[2]!, pattern: `arn:${session[1]}:iam::${session[2]}:role/*` } : named;
  });
  return allowsFor(policy, action).some((s) => s.principal?.not) ? [...names, { type: 'anyone' }] : names;
}

function expectSameReading(policies: Iterable<CompiledPolicy>, run = new TechniqueRun(facts['demo']!, rules, { admins: new Set(), modelAccounts: new Set() }, new ProvenanceKeys(), RELATIONS, { blocks: true })): number {
  // Gathered and compared once: an expect per policy and action would dominate the test's time.
  const found: unknown[] = [];
  const plain: unknown[] = [];
  for (const policy of policies) {
    for (const action of ACTIONS) {
      found.push([namedAwsPrincipals(policy, action), admitsUnnamed(policy, action), allowsNotPrincipal(policy, action), namedOf(run, policy, action)]);
      plain.push([plainNamed(policy, action), plainAdmitsUnnamed(policy, action), allowsFor(policy, action).some((s) => s.principal?.not === true), plainCallerNames(policy, action)]);
    }
  }
  expect(found).toEqual(plain);
  return found.length;
}

/** Every resource and trust policy of the facts. */
function policiesOf(facts: Facts): CompiledPolicy[] {
  return [...facts.resources.flatMap((r) => (r.policy ? [r.policy] : [])), ...facts.principals.flatMap((p) => (p.trust ? [p.trust] : []))];
}

/** The candidates of one access built afresh, as accessCandidates built them for each resource before sharing. */
function afresh(facts: Facts, resource: Resource, actions: readonly string[], arn: string): Principal[] {
  const out = new Set<Principal>();
  for (const action of actions) {
    const named = resource.policy ? namedAwsPrincipals(resource.policy, action) : [];
    const accounts = new Set([resource.accountId, ...named.flatMap((n) => (n.type === 'account' ? [n.accountId] : []))]);
    for (const accountId of accounts) for (const p of facts.grants.principalsFor(action, arn, accountId)) out.add(p);
    for (const n of named) {
      const exact = n.type === 'arn' ? facts.principalsByArn.get(n.pattern) : undefined;
      if (exact) out.add(exact);
    }
  }
  return [...out];
}

/** Every access a jewel or tool may be asked about, compared with the sets built afresh; returns how many sets were shared. */
function expectSameCandidates(facts: Facts): { asked: number; shared: number } {
  const candidatesFor = accessCandidates(facts);
  const seen = new Set<ReadonlySet<Principal>>();
  let asked = 0;
  let shared = 0;
  for (const resource of facts.resources) {
    const specs = Object.values(accessSpecs(rules, resource)).map((spec) => ({ actions: spec!.anyOf, arn: accessArn(spec!, resource) }));
    const tool = resource.kind === 'lambda-function' ? [{ actions: ['lambda:InvokeFunction'], arn: resource.arn }] : [];
    for (const { actions, arn } of [...specs, ...tool]) {
      if (resource.policy && actions.some((a) => admitsUnnamed(resource.policy!, a))) continue;
      const found = candidatesFor(resource, actions, arn);
      expect([...found].map((p) => p.arn)).toEqual(afresh(facts, resource, actions, arn).map((p) => p.arn));
      asked++;
      if (seen.has(found)) shared++;
      seen.add(found);
    }
  }
  return { asked, shared };
}

const facts = demoAndOrganization('named-principals', 400, (input) => buildFacts(input));

const A = '111111111111';
const B = '222222222222';
const FN = `arn:aws:lambda:us-east-1:${A}:function:f`;

describe('principals a policy names, principal tested before action', () => {
  const policy = (...statements: PolicyStatementInput[]) => compilePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'resource', id: `${FN}#resource-policy` });
  it.each([
    ['a service principal only', policy({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: FN })],
    ['a service and an AWS principal in one statement', policy({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com', AWS: `arn:aws:iam::${B}:role/r` }, Action: 'lambda:*', Resource: FN })],
    ['a Deny naming everyone', policy({ Effect: 'Deny', Principal: '*', Action: 'lambda:InvokeFunction', Resource: FN })],
    ['an Allow naming everyone for another action', policy({ Effect: 'Allow', Principal: '*', Action: 'lambda:GetFunction', Resource: FN })],
    ['NotAction naming an account', policy({ Effect: 'Allow', Principal: { AWS: B }, NotAction: 'lambda:GetFunction', Resource: FN })],
    ['NotPrincipal', policy({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'lambda:InvokeFunction', Resource: FN })],
    ['a role pattern after a service statement', policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: FN }, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:role/app-*` }, Action: 'lambda:Invoke*', Resource: FN })],
  ])('%s', (_, compiled) => {
    expect(expectSameReading([compiled])).toBe(ACTIONS.length);
  });

  for (const name of ['demo', 'organization']) {
    it(`read as allowsFor reads them, for every policy and rule action (${name})`, () => {
      expect(expectSameReading(policiesOf(facts[name]!))).toBeGreaterThan(ACTIONS.length * 10);
    });
  }
});

describe('candidate sets shared per key', () => {
  for (const name of ['demo', 'organization']) {
    it(`equal the sets built afresh (${name})`, () => {
      const { asked, shared } = expectSameCandidates(facts[name]!);
      expect(asked).toBeGreaterThan(20);
      if (name === 'organization') expect(shared).toBeGreaterThan(asked / 2);
    });
  }

  it('are not shared by resources whose longest prefix or named callers differ', () => {
    const scoped = role(A, 'scoped', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::team-a*' });
    const broad = role(A, 'broad', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    const outsider = role(B, 'outsider', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    const principals = [broad, scoped, outsider];
    const find = accessCandidates(candidateFacts(principals));
    const bucket = (name: string, named?: string): Resource => ({
      arn: `arn:aws:s3:::${name}`,
      kind: 'bucket',
      name,
      accountId: A,
      partition: 'aws',
      tags: {},
      flags: [],
      ...(named ? { policy: compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: named }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] }, { kind: 'resource', id: `arn:aws:s3:::${name}#resource-policy` }) } : {}),
    });
    const names = (resource: Resource) => [...find(resource, ['s3:GetObject'], `${resource.arn}/*`)].map((p) => p.name);
    expect(names(bucket('team-a-data'))).toEqual(['broad', 'scoped']);
    expect(names(bucket('team-b-data'))).toEqual(['broad']);
    expect(names(bucket('team-a-logs'))).toEqual(['broad', 'scoped']);
    expect(names(bucket('team-b-logs', outsider.arn))).toEqual(['broad', 'outsider']);
    expect(names(bucket('team-b-more', B))).toEqual(['broad', 'outsider']);
    expect(names(bucket('team-b-last'))).toEqual(['broad']);
  });
});
