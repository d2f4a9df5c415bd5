/**
 * Grants of a merged edge decided by each role's own trust policy (src/graph/techniques/trust-shape.ts):
 * two decisions share a template only when they read the same but for the trust policy's id,
 * and the template names each grant's own trust policy, in the record's own key order.
 */
import { describe, expect, it } from 'vitest';
import { provenanceOf } from '../../src/graph/decide.js';
import { hopAttrs, type HopTemplate } from '../../src/graph/target-block.js';
import { sameUpToTrust } from '../../src/graph/techniques/trust-shape.js';
import { compilePolicy, evaluate, type EvaluationResult, type PolicyDocumentInput } from '../../src/iam/index.js';

const ACCOUNT = '111122223333';
const CALLER = `arn:aws:iam::${ACCOUNT}:user/admin`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const trustId = (name: string) => `${role(name)}#trust-policy`;

const IDENTITY = compilePolicy(
  {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', NotAction: 'iam:ListMFADevices', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ],
  },
  { kind: 'identity', id: 'arn:aws:iam::aws:policy/AdministratorAccess' },
);

const ROOT_TRUST: PolicyDocumentInput = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
const EXTERNAL_ID_TRUST: PolicyDocumentInput = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }],
};
const NAMED_TRUST: PolicyDocumentInput = { Version: '2012-10-17', Statement: [{ Sid: 'Named', Effect: 'Allow', Principal: { AWS: CALLER }, Action: 'sts:AssumeRole' }] };

/** The caller's sts:AssumeRole on a role whose trust is `document`. */
function assume(name: string, document: PolicyDocumentInput): EvaluationResult {
  const trust = compilePolicy(document, { kind: 'trust', id: trustId(name) });
  return evaluate(
    { principal: { arn: CALLER, type: 'user', accountId: ACCOUNT }, action: 'sts:AssumeRole', resource: role(name), resourceAccount: ACCOUNT, context: { 'aws:principalarn': [CALLER], 'aws:principalaccount': [ACCOUNT] } },
    { identity: [IDENTITY], resource: trust, resourcePolicyMode: 'required' },
  );
}

describe('decisions on a role’s own trust', () => {
  const a = assume('a', ROOT_TRUST);
  const b = assume('b', ROOT_TRUST);

  it('are of one shape when the trust documents read alike', () => {
    expect(a.decision).toBe('conditional');
    expect(a.allowedBy.some((ref) => ref.policy.id === trustId('a'))).toBe(true);
    expect(sameUpToTrust(a, b, trustId('a'), trustId('b'))).toBe(true);
  });

  it('are not when the ids do not correspond, or the trust grants otherwise', () => {
    expect(sameUpToTrust(a, b, trustId('a'), trustId('a'))).toBe(false);
    expect(sameUpToTrust(a, b, trustId('b'), trustId('b'))).toBe(false);
    const external = assume('c', EXTERNAL_ID_TRUST);
    expect(external.decision).toBe('conditional');
    expect(sameUpToTrust(a, external, trustId('a'), trustId('c'))).toBe(false);
    const named = assume('d', NAMED_TRUST);
    expect(named.decision).not.toBe('denied');
    expect(sameUpToTrust(a, named, trustId('a'), trustId('d'))).toBe(false);
  });

  it('give each grant of a shared template its own trust policy, record keys in the usual order', () => {
    const records = provenanceOf(a, 'sts:AssumeRole', role('a'));
    const hop: HopTemplate = {
      conditional: true,
      confidence: 0.5,
      actions: ['sts:AssumeRole'],
      records: records.map((record) => (record.policy === trustId('a') ? { record, varies: true, policySuffix: '#trust-policy' } : { record, varies: true })),
    };
    const read = hopAttrs({ kind: 'escalation', technique: 't' }, hop, role('b'), undefined, undefined).provenance;
    const own = provenanceOf(b, 'sts:AssumeRole', role('b'));
    expect(JSON.stringify(read)).toBe(JSON.stringify(own));
  });
});
