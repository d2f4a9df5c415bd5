/**
 * Exposure classes (rules/scoring.yaml `exposureClasses`): a finding's exposure is the weight of
 * its entry's class; a detector's per-entry class must be one its rule lists; and when an
 * outsider's first hops differ in class, the path chosen is the one the score ranks highest.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { RuleError } from '../../src/core/errors.js';
import { buildGraph } from '../../src/graph/index.js';
import { toSnapshot } from '../../src/load/index.js';
import { loadRules, type RuleSet } from '../../src/rules/index.js';
import { testAccount, testSnapshot } from '../support/snapshot-file.js';

const A = '111111111111';
const VENDOR = '999999999999';
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${A}:secret:prod/key-AbCdEf`;
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const vendorTrust = (externalId?: string) =>
  doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: 'sts:AssumeRole', ...(externalId ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}) });
const iamRole = (name: string, trust: unknown, inline: unknown[]) => ({
  RoleName: name,
  Arn: role(name),
  Path: '/',
  AssumeRolePolicyDocument: trust,
  RolePolicyList: inline.map((PolicyDocument, i) => ({ PolicyName: `${name}-${i}`, PolicyDocument })),
  AttachedManagedPolicies: [],
  InstanceProfileList: [],
});

/**
 * The vendor reaches the secret two ways: through `monitoring` (trust with an external id, one
 * hop to the secret) and through `support` (no external id, one hop more, via `reader`).
 */
function loaded() {
  const snapshot = toSnapshot(
    testSnapshot(
      [
        testAccount(A, {
          roles: [
            iamRole('monitoring', vendorTrust('acme-4711'), [doc({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET })]),
            iamRole('support', vendorTrust(), [doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role('reader') })]),
            iamRole('reader', doc({ Effect: 'Allow', Principal: { AWS: role('support') }, Action: 'sts:AssumeRole' }), [
              doc({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET }),
            ]),
          ],
          regions: { 'us-east-1': { SecretsManager: { SecretList: [{ ARN: SECRET, Name: 'prod/key' }] } } },
        }),
      ],
      '2026-01-01T00:00:00Z',
    ),
    'exposure-classes.json',
  );
  return { snapshot, credentials: [] };
}

const rules = loadRules();

describe('exposure classes', () => {
  it('scores each path by its first hop\'s class and shows the path the score ranks highest', () => {
    const result = analyze(buildGraph(loaded(), rules), rules, { gaps: [] });
    const finding = result.findings.find((f) => f.target.node === SECRET)!;
    // Without weighing the class, the shorter path through the external-id trust would win.
    expect(finding.path.nodes.map((n) => n.id)).toEqual([`arn:aws:iam::${VENDOR}:root`, role('support'), role('reader'), SECRET]);
    expect(finding.entry.exposure).toBe('authenticated-outside-party');
    expect(finding.factors.exposure).toBe(rules.scoring.exposureClasses['authenticated-outside-party']!.weight);
  });

  it('gives the external-id trust its own class when it is the only way in', () => {
    const built = buildGraph(loaded(), rules);
    built.graph.dropNode(role('support'));
    const finding = analyze(built, rules, { gaps: [] }).findings.find((f) => f.target.node === SECRET)!;
    expect(finding.entry.exposure).toBe('outside-party-with-external-id');
    expect(finding.factors.exposure).toBe(rules.scoring.exposureClasses['outside-party-with-external-id']!.weight);
  });

  it('takes the weight from scoring.yaml, not from the entry point', () => {
    const heavier: RuleSet = {
      ...rules,
      scoring: { ...rules.scoring, exposureClasses: { ...rules.scoring.exposureClasses, 'authenticated-outside-party': { ...rules.scoring.exposureClasses['authenticated-outside-party']!, weight: 0.4 } } },
    };
    const finding = analyze(buildGraph(loaded(), heavier), heavier, { gaps: [] }).findings.find((f) => f.target.node === SECRET)!;
    // At 0.4 the external-id path (0.6) ranks first again.
    expect(finding.entry.exposure).toBe('outside-party-with-external-id');
    expect(finding.path.nodes.map((n) => n.id)).toEqual([`arn:aws:iam::${VENDOR}:root`, role('monitoring'), SECRET]);
  });

  it('stops the build when a detector gives a class its rule does not list, naming the rule', () => {
    const lagging: RuleSet = { ...rules, entryPoints: rules.entryPoints.map((r) => (r.id === 'role-trusts-external-account' ? { ...r, exposures: [] } : r)) };
    expect(() => buildGraph(loaded(), lagging)).toThrow(RuleError);
    expect(() => buildGraph(loaded(), lagging)).toThrow(/entry-points\/role-trusts-external-account\.yaml: exposures: .*outside-party-with-external-id/);
  });
});
