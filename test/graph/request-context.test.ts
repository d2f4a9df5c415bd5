/**
 * A technique's request context reaching the evaluator (rules/README.md, "Request context"): with
 * `iam:PolicyARN: {mustMatch: admin-policy}` on iam-attach-role-policy-self, a fence that admits
 * only a read-only policy cuts the escalation, and one the attacker can meet with
 * AdministratorAccess leaves it unconditional. Without the requirement the fence stays open and
 * the edge conditional, which is what the bundled rule still does until the graph phase wires it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { BUNDLED_RULES_DIR, loadRules } from '../../src/rules/index.js';

const ACCT = '666666666666';
const dir = mkdtempSync(join(tmpdir(), 'blastpath-request-context-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fencedRole(name: string, condition: Record<string, Record<string, string>>) {
  return {
    RoleName: name,
    Arn: `arn:aws:iam::${ACCT}:role/${name}`,
    Path: '/',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    RolePolicyList: [{ PolicyName: 'delegated-admin', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: `arn:aws:iam::${ACCT}:role/${name}`, Condition: condition }] } }],
    AttachedManagedPolicies: [],
  };
}

const snapshot = join(dir, 'snapshot.json');
writeFileSync(
  snapshot,
  JSON.stringify({
    schemaVersion: 1,
    collectedAt: '2026-11-02T08:00:00Z',
    tool: { name: 'blastpath', version: '0.1.0' },
    accounts: [
      {
        accountId: ACCT,
        partition: 'aws',
        iam: {
          AuthorizationDetails: {
            UserDetailList: [],
            GroupDetailList: [],
            Policies: [],
            RoleDetailList: [
              fencedRole('read-only-fence', { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } }),
              fencedRole('aws-managed-fence', { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/*' } }),
            ],
          },
        },
        regions: {},
      },
    ],
    coverage: [],
  }),
);

function rulesWithContext(): string {
  const rules = join(dir, 'rules');
  cpSync(BUNDLED_RULES_DIR, rules, { recursive: true });
  const file = join(rules, 'techniques/iam-attach-role-policy-self.yaml');
  const action = '  - action: iam:AttachRolePolicy\n    on: self\n';
  const text = readFileSync(file, 'utf8');
  if (!text.includes(action)) throw new Error('test setup: iam-attach-role-policy-self.yaml changed');
  writeFileSync(file, text.replace(action, `${action}    context:\n      iam:PolicyARN: {mustMatch: admin-policy}\n`));
  return rules;
}

async function selfAttachEdges(rulesDir?: string): Promise<string[]> {
  const built = buildGraph(await loadInputs([snapshot]), loadRules(rulesDir ? { dir: rulesDir } : {}));
  const out: string[] = [];
  built.graph.forEachEdge((_key, attrs, from) => {
    if (attrs.technique === 'iam-attach-role-policy-self') out.push(`${from.split('/').pop()}${attrs.conditional ? ` (conditional: ${attrs.residual?.join('; ')})` : ''}`);
  });
  return out.sort();
}

describe('iam:PolicyARN bound to the attack', () => {
  it('cuts the benign fence and leaves the meetable one unconditional', async () => {
    expect(await selfAttachEdges(rulesWithContext())).toEqual(['aws-managed-fence']);
  });

  it('without the requirement both stay open, as conditional edges', async () => {
    expect(await selfAttachEdges()).toEqual([
      'aws-managed-fence (conditional: ArnLike iam:PolicyARN arn:aws:iam::aws:policy/*)',
      'read-only-fence (conditional: ArnEquals iam:PolicyARN arn:aws:iam::aws:policy/ReadOnlyAccess)',
    ]);
  });
});
