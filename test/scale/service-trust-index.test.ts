/**
 * Roles trusting a service (src/graph/techniques/service-trust.ts, rolesTrusting): pass-role
 * rules list an account's roles that a service may assume, once per account and service. The
 * trusts are read once into an index by the services they name, and only the roles whose trust
 * may name the asked service are evaluated. Trap trusts: a service named in another case, a
 * wildcard service, `Principal: *`, `AWS: *`, NotPrincipal, a Deny naming the service, two
 * services in one statement, no trust at all. Every list equals filtering the account's roles
 * with serviceTrusts, here and on the demo and a generated organization.
 */
import { describe, expect, it } from 'vitest';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts, type Facts } from '../../src/graph/facts/index.js';
import { RELATIONS } from '../../src/graph/techniques/index.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { rolesTrusting, serviceTrusts } from '../../src/graph/techniques/service-trust.js';
import { loadRules } from '../../src/rules/index.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';
import { loadedAccounts } from '../support/technique-step.js';

const ACCT = '111111111111';
const rules = loadRules();

const trusts: Record<string, unknown[] | undefined> = {
  exact: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  'other-case': [{ Effect: 'Allow', Principal: { Service: 'Lambda.AmazonAWS.com' }, Action: 'sts:AssumeRole' }],
  'wild-service': [{ Effect: 'Allow', Principal: { Service: '*.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  'wild-prefix': [{ Effect: 'Allow', Principal: { Service: 'sage?aker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  anyone: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }],
  'aws-star': [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
  'not-principal': [{ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole' }],
  'deny-only': [{ Effect: 'Deny', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  'deny-beside': [
    { Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' },
    { Effect: 'Deny', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
  'two-services': [{ Effect: 'Allow', Principal: { Service: ['sagemaker.amazonaws.com', 'ec2.amazonaws.com'] }, Action: 'sts:AssumeRole' }],
  'other-action': [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:TagSession' }],
  'aws-account': [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole' }],
};

function account() {
  return {
    UserDetailList: [{ UserName: 'someone', Arn: `arn:aws:iam::${ACCT}:user/someone`, Path: '/', UserPolicyList: [] }],
    GroupDetailList: [],
    RoleDetailList: Object.entries(trusts).map(([name, statements]) => ({
      RoleName: name,
      Arn: `arn:aws:iam::${ACCT}:role/${name}`,
      Path: '/',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: statements },
    })),
    Policies: [],
  };
}

const SERVICES = ['lambda.amazonaws.com', 'sagemaker.amazonaws.com', 'ec2.amazonaws.com', 'LAMBDA.amazonaws.com', 'glue.amazonaws.com'];
const { input } = loadedAccounts('service-trust-index', () => [account()]);
const inputs = demoAndOrganization('service-trust-index', 400, (loaded) => loaded);

/** Every account's roles, asked about each service: the indexed answer and the filter it replaces, on runs of their own. */
function compare(facts: Facts, services: readonly string[]): number {
  const scope = { admins: new Set<string>(), modelAccounts: new Set<string>() };
  const indexed = new TechniqueRun(facts, rules, scope, new ProvenanceKeys(), RELATIONS, { blocks: true });
  const filtered = new TechniqueRun(facts, rules, scope, new ProvenanceKeys(), RELATIONS, { blocks: true });
  let found = 0;
  for (const principals of facts.principalsByAccount.values()) {
    const roles = principals.filter((p) => p.kind === 'role');
    for (const service of services) {
      const expected = roles.filter((p) => serviceTrusts(filtered, p, service)).map((p) => p.arn);
      expect(rolesTrusting(indexed, roles, service).map((p) => p.arn)).toEqual(expected);
      // The users of the account too: no trust, never listed.
      expect(rolesTrusting(indexed, principals, service).map((p) => p.arn)).toEqual(expected);
      found += expected.length;
    }
  }
  return found;
}

describe('roles trusting a service, through an index of the services trusts name', () => {
  it('lists the roles serviceTrusts lists, for trusts that name services every way', () => {
    const facts = buildFacts(input());
    expect(compare(facts, SERVICES)).toBeGreaterThan(0);
    const scope = { admins: new Set<string>(), modelAccounts: new Set<string>() };
    const run = new TechniqueRun(facts, rules, scope, new ProvenanceKeys(), RELATIONS, { blocks: true });
    const roles = facts.principals.filter((p) => p.kind === 'role');
    const names = (service: string) => rolesTrusting(run, roles, service).map((p) => p.arn.split('/').pop());
    // The wildcard, `*` and NotPrincipal trusts are asked about every service; a Deny beside the Allow wins.
    expect(names('lambda.amazonaws.com')).toEqual(expect.arrayContaining(['exact', 'other-case', 'wild-service', 'anyone', 'aws-star', 'not-principal']));
    expect(names('lambda.amazonaws.com')).not.toContain('deny-beside');
    expect(names('sagemaker.amazonaws.com')).toEqual(expect.arrayContaining(['wild-prefix', 'two-services', 'wild-service']));
  });

  for (const name of ['demo', 'organization']) {
    it(`lists the roles serviceTrusts lists for every service a rule names (${name})`, () => {
      const services = [...new Set(rules.techniques.flatMap((t) => (t.service ? [t.service] : [])))];
      expect(services.length).toBeGreaterThan(3);
      expect(compare(buildFacts(inputs[name]!), services)).toBeGreaterThan(0);
    });
  }
});
