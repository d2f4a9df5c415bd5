/**
 * Explanations: explainDecision turns a result into the deciding statements and the rendered
 * residual; `explain: false` keeps every decision and only drops the exact reason of denials
 * that nothing could have granted.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, explainDecision, type PolicySet } from '../../src/iam/index.js';
import { allow, deny, identityPolicy, policy, request } from './helpers.js';

const scpDeny = [[policy('scp', 'full', allow('*')), policy('scp', 'no-s3', deny('s3:*'))]];

describe('explainDecision', () => {
  it('lists the deciding statements with policy, kind, index, Sid and hash, and the residual', () => {
    const result = evaluate(request(), { identity: [identityPolicy('p', allow('s3:GetObject', '*', { Sid: 'Office', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))] });
    const explained = explainDecision(result);
    expect(explained).toMatchObject({
      decision: 'conditional',
      allowedBy: [{ policy: 'p', policyKind: 'identity', statementIndex: 0, sid: 'Office' }],
      deniedBy: [],
      residual: ['IpAddress aws:SourceIp 10.0.0.0/8'],
      openStatements: [{ policy: 'p', effect: 'Allow', keys: ['aws:sourceip'], clauses: ['IpAddress aws:SourceIp 10.0.0.0/8'] }],
    });
    expect(explained.allowedBy[0]!.statementHash).toMatch(/^[0-9a-f]{16}$/);
    expect(explained).not.toHaveProperty('denyReason');
  });
});

describe('explain: false', () => {
  const cases: Array<[string, PolicySet]> = [
    ['nothing grants, an SCP denies', { identity: [], scps: scpDeny }],
    ['the identity grants, an SCP denies', { identity: [identityPolicy('p', allow('s3:*'))], scps: scpDeny }],
    ['the identity grants, the boundary does not', { identity: [identityPolicy('p', allow('s3:*'))], boundary: policy('boundary', 'b', allow('ec2:*')) }],
    ['the identity grants under a condition', { identity: [identityPolicy('p', allow('s3:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))], scps: [[policy('scp', 'full', allow('*'))]] }],
  ];
  it.each(cases)('gives the same decision: %s', (_title, policies) => {
    expect(evaluate(request(), policies, { explain: false }).decision).toBe(evaluate(request(), policies).decision);
  });

  it('skips the ceilings when nothing grants: the reason is then no-allow', () => {
    expect(evaluate(request(), { identity: [], scps: scpDeny })).toMatchObject({ decision: 'denied', denyReason: 'explicit-deny' });
    expect(evaluate(request(), { identity: [], scps: scpDeny }, { explain: false })).toMatchObject({ decision: 'denied', denyReason: 'no-allow', deniedBy: [] });
  });
});
