/**
 * Intermediate principals are nodes of the path (issue 15, class 11): a technique that changes
 * another principal and then becomes it (attach a policy to role X, then assume X; attach a
 * policy to user X, then create X's key) leads to account admin through X, and the finding shows
 * X as a node, with the permissions the caller used on the first hop and the statement that let
 * it change X on the second.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';

const A = '111111111111';
const ATTACKER = `arn:aws:iam::${A}:role/attacker`;

async function adminPath(fixture: string, from: string) {
  const rules = loadRules();
  const result = analyze(buildGraph(await loadInputs([`fixtures/rules/${fixture}/vulnerable.json`]), rules, { whatIf: [from] }), rules, { gaps: [] });
  const finding = result.findings.find((f) => f.entry.entryPoint === 'what-if' && f.target.node === `admin:${A}`)!;
  return finding.path;
}

describe('a principal changed and then become is a node of the path', () => {
  it('attach a policy to a role, then assume it: attacker -> target-ops-role -> admin', async () => {
    const path = await adminPath('iam-attach-role-policy-assume', ATTACKER);
    expect(path.nodes.map((n) => n.id)).toEqual([ATTACKER, `arn:aws:iam::${A}:role/target-ops-role`, `admin:${A}`]);
    expect(path.edges.map((e) => [e.kind, e.technique])).toEqual([
      ['escalation', 'iam-attach-role-policy-assume'],
      ['admin-equivalent', 'iam-attach-role-policy-assume'],
    ]);
    expect(path.edges[0]!.actions).toEqual(['iam:AttachRolePolicy', 'sts:AssumeRole']);
    // X is an administrator because the caller may attach policies to it: that statement proves the second hop.
    expect(path.edges[1]!.provenance.map((p) => p.action)).toEqual(['iam:AttachRolePolicy']);
    expect(path.edges[1]!.detail).toEqual({ changedBy: ATTACKER });
  });

  // Issue 15, class 7: another role's guardrail removed, then the role assumed.
  it.each(['iam-delete-role-permissions-boundary-assume', 'iam-put-role-permissions-boundary-assume', 'iam-delete-role-policy-deny-assume', 'iam-detach-role-policy-deny-assume'])(
    '%s: attacker -> target-ops-role (guardrail removed) -> admin',
    async (technique) => {
      const path = await adminPath(technique, ATTACKER);
      expect(path.nodes.map((n) => n.id)).toEqual([ATTACKER, `arn:aws:iam::${A}:role/target-ops-role`, `admin:${A}`]);
      expect(path.edges.map((e) => e.technique)).toEqual([technique, technique]);
      expect(path.edges[0]!.detail?.removed).toBeDefined();
    },
  );

  it('attach a policy to a user, then create its key: attacker -> target-svc-user -> admin', async () => {
    const attacker = `arn:aws:iam::${A}:user/attacker`;
    const path = await adminPath('iam-attach-user-policy-create-access-key', attacker);
    expect(path.nodes.map((n) => n.id)).toEqual([attacker, `arn:aws:iam::${A}:user/target-svc-user`, `admin:${A}`]);
  });
});
