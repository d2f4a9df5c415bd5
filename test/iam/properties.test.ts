/**
 * Properties of evaluation over generated policies (fast-check): an added explicit Deny never
 * raises a decision, an added Allow never lowers one, and neither statement order, policy order
 * nor single-value-vs-list encodings change the outcome; skipping explanations never changes a
 * decision. Decisions rank denied < conditional <
 * allowed. S3 Block Public Access is left out: AWS itself lets a new public grant take access away.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  evaluate,
  renderResidual,
  type AccessRequest,
  type ConditionBlockInput,
  type Decision,
  type EvaluationResult,
  type PolicySet,
  type PolicyStatementInput,
} from '../../src/iam/index.js';
import { ACCT, alice } from './helpers.js';

const ROLE = `arn:aws:iam::${ACCT}:role/r`;
const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:Get*', 'iam:PassRole', 'sts:AssumeRole', 'iam:*', '*'];
const RESOURCES = ['*', 'arn:aws:s3:::data/*', 'arn:aws:s3:::other/*', ROLE, 'arn:aws:iam::*:role/*'];
const CONDITIONS: Array<ConditionBlockInput | undefined> = [
  undefined,
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'ml' } },
  { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
  { StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } },
];
const PRINCIPALS = ['*', { AWS: alice.arn }, { AWS: ACCT }, { AWS: 'arn:aws:iam::222222222222:root' }] as const;

const list = <T>(items: readonly T[]) => fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: 2 });

function statementArb(withPrincipal: boolean, effect?: 'Allow' | 'Deny'): fc.Arbitrary<PolicyStatementInput> {
  return fc
    .record({
      effect: effect ? fc.constant(effect) : fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'),
      not: fc.boolean(),
      actions: list(ACTIONS),
      resources: list(RESOURCES),
      condition: fc.constantFrom(...CONDITIONS),
      principal: fc.constantFrom(...PRINCIPALS),
    })
    .map(({ effect: e, not, actions, resources, condition, principal }) => ({
      Effect: e,
      ...(not ? { NotAction: actions } : { Action: actions }),
      Resource: resources,
      ...(condition ? { Condition: condition } : {}),
      ...(withPrincipal ? { Principal: principal } : {}),
    }));
}

const identityArb = fc.array(statementArb(false), { maxLength: 4 });
const resourceArb = fc.option(fc.array(statementArb(true), { minLength: 1, maxLength: 3 }), { nil: undefined });

const requestArb: fc.Arbitrary<AccessRequest> = fc
  .record({
    target: fc.constantFrom<[string, string]>(['s3:GetObject', 'arn:aws:s3:::data/x'], ['s3:PutObject', 'arn:aws:s3:::other/y'], ['iam:PassRole', ROLE], ['sts:AssumeRole', ROLE]),
    ip: fc.constantFrom<string[] | undefined>(undefined, ['10.1.2.3'], ['8.8.8.8']),
    mfa: fc.constantFrom<string[] | null | undefined>(undefined, ['true'], ['false'], null),
    region: fc.constantFrom<string[] | undefined>(undefined, ['eu-west-1'], ['us-east-1']),
    team: fc.constantFrom<string | undefined>(undefined, 'ml', 'web'),
  })
  .map(({ target: [action, resource], ip, mfa, region, team }): AccessRequest => {
    const context: Record<string, string[] | null> = {};
    if (ip) context['aws:sourceip'] = ip;
    if (mfa !== undefined) context['aws:multifactorauthpresent'] = mfa;
    if (region) context['aws:requestedregion'] = region;
    const tags: Record<string, string> = team ? { team } : {};
    return { principal: { ...alice, tags }, action, resource, resourceAccount: ACCT, context };
  });

function policySet(identity: PolicyStatementInput[], resource: PolicyStatementInput[] | undefined): PolicySet {
  return {
    identity: [compilePolicy({ Statement: identity }, { kind: 'identity', id: 'p' })],
    ...(resource ? { resource: compilePolicy({ Statement: resource }, { kind: 'resource', id: 'r' }) } : {}),
  };
}

const RANK: Record<Decision, number> = { denied: 0, conditional: 1, allowed: 2 };

/** What must not change under reordering or re-encoding: statements compared by content hash. */
function outcome(result: EvaluationResult) {
  return {
    decision: result.decision,
    denyReason: result.denyReason,
    residual: renderResidual(result.condition),
    allowedBy: result.allowedBy.map((r) => r.hash).sort(),
    deniedBy: result.deniedBy.map((r) => r.hash).sort(),
  };
}

/** Writes single values as they are and lists of one as plain strings. */
function reencode(statement: PolicyStatementInput): PolicyStatementInput {
  const flip = (v: unknown) => (Array.isArray(v) && v.length === 1 ? v[0] : typeof v === 'string' ? [v] : v);
  const out: Record<string, unknown> = { ...statement };
  for (const key of ['Action', 'NotAction', 'Resource']) if (out[key] !== undefined) out[key] = flip(out[key]);
  if (statement.Condition) {
    out['Condition'] = Object.fromEntries(Object.entries(statement.Condition).map(([op, entries]) => [op, Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, flip(v)]))]));
  }
  return out as unknown as PolicyStatementInput;
}

const RUNS = { numRuns: 400 };

describe('evaluation properties', () => {
  it('adding an explicit Deny never raises the decision', () => {
    fc.assert(
      fc.property(identityArb, resourceArb, requestArb, statementArb(false, 'Deny'), fc.boolean(), (identity, resource, request, extra, intoResource) => {
        const before = evaluate(request, policySet(identity, resource));
        const withDeny = intoResource && resource ? policySet(identity, [...resource, { ...extra, Principal: '*' }]) : policySet([...identity, extra], resource);
        const after = evaluate(request, withDeny);
        expect(RANK[after.decision]).toBeLessThanOrEqual(RANK[before.decision]);
      }),
      RUNS,
    );
  });

  it('adding an Allow never lowers the decision', () => {
    fc.assert(
      fc.property(identityArb, resourceArb, requestArb, statementArb(true, 'Allow'), fc.boolean(), (identity, resource, request, extra, intoResource) => {
        const before = evaluate(request, policySet(identity, resource));
        const { Principal: _principal, ...identityAllow } = extra;
        const withAllow = intoResource ? policySet(identity, [...(resource ?? []), extra]) : policySet([...identity, identityAllow], resource);
        const after = evaluate(request, withAllow);
        expect(RANK[after.decision]).toBeGreaterThanOrEqual(RANK[before.decision]);
      }),
      RUNS,
    );
  });

  it('does not depend on statement order', () => {
    fc.assert(
      fc.property(identityArb, resourceArb, requestArb, fc.infiniteStream(fc.nat()), (identity, resource, request, seeds) => {
        const shuffle = <T>(items: T[]) => items.map((item) => [seeds.next().value as number, item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item);
        const before = evaluate(request, policySet(identity, resource));
        const after = evaluate(request, policySet(shuffle(identity), resource && shuffle(resource)));
        expect(outcome(after)).toEqual(outcome(before));
      }),
      RUNS,
    );
  });

  it('does not depend on the order of identity policies', () => {
    fc.assert(
      fc.property(identityArb, identityArb, requestArb, (first, second, request) => {
        const a = compilePolicy({ Statement: first }, { kind: 'identity', id: 'a' });
        const b = compilePolicy({ Statement: second }, { kind: 'identity', id: 'b' });
        expect(outcome(evaluate(request, { identity: [b, a] }))).toEqual(outcome(evaluate(request, { identity: [a, b] })));
      }),
      RUNS,
    );
  });

  it('decides the same with and without explanations, across SCP levels and boundaries', () => {
    const level = fc.array(statementArb(false), { minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(identityArb, resourceArb, requestArb, fc.array(level, { maxLength: 2 }), fc.option(level, { nil: undefined }), (identity, resource, request, scps, boundary) => {
        const policies: PolicySet = {
          ...policySet(identity, resource),
          scps: scps.map((statements, i) => [compilePolicy({ Statement: statements }, { kind: 'scp', id: `scp-${i}` })]),
          ...(boundary ? { boundary: compilePolicy({ Statement: boundary }, { kind: 'boundary', id: 'b' }) } : {}),
        };
        expect(evaluate(request, policies, { explain: false }).decision).toBe(evaluate(request, policies).decision);
      }),
      RUNS,
    );
  });

  it('does not depend on single-value versus list encodings', () => {
    fc.assert(
      fc.property(identityArb, resourceArb, requestArb, (identity, resource, request) => {
        const before = evaluate(request, policySet(identity, resource));
        const after = evaluate(request, policySet(identity.map(reencode), resource?.map(reencode)));
        expect(outcome(after)).toEqual(outcome(before));
      }),
      RUNS,
    );
  });
});
