/**
 * Identity cards and the identity posture findings on the demo: which identities get a card,
 * what each unlocks, who shares it, how its credential lives, whether its actions are logged,
 * and the posture findings joined to the paths that use the identity. Shown in every format
 * that has room for them (JSON, --details table, HTML).
 */
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/index.js';
import { loadInputs } from '../../src/load/index.js';
import { analyzeLoaded, renderRun } from '../../src/pipeline.js';

const ML = '111111111111';
const role = (name: string) => `arn:aws:iam::${ML}:role/${name}`;
const user = (name: string) => `arn:aws:iam::${ML}:user/${name}`;

async function demo() {
  return analyzeLoaded(await loadInputs(['fixtures/demo']), {});
}

describe('identity cards (demo)', () => {
  it('card every workload role, federated role and user with a key; each with capabilities from its own edges', async () => {
    const { result } = await demo();
    const cards = new Map((result.identities ?? []).map((c) => [c.id, c]));
    // 34 before the front doors: their backend, tool and notifier functions' roles and the Cognito guest session add 5.
    expect(cards.size).toBe(39);
    const view = (id: string) => {
      const c = cards.get(id)!;
      return [c.capabilities, c.workloads.length, c.credential?.kind];
    };
    expect(view(role('acme-sagemaker-training-role'))).toEqual([['data'], 3, 'role-session']);
    expect(view(role('acme-recsys-refresh-role'))).toEqual([['data', 'tools'], 1, 'role-session']);
    expect(view(role('acme-github-deploy'))).toEqual([['tools'], 0, 'web-identity-session']);
    expect(view(user('data-sync-bot'))).toEqual([['model', 'identity'], 0, 'access-key']);
    expect(cards.get(user('ci-legacy'))?.credential).toMatchObject({ kind: 'access-key', ageDays: 2057, unusedDays: 1524 });
    // The vendor's role allows 12-hour sessions (MaxSessionDuration): a stolen session lasts that long.
    expect(cards.get(role('vendor-model-monitoring'))?.credential).toMatchObject({ kind: 'role-session', sessionHours: 12 });
  });

  it('join each card to the findings whose paths cross it, and say how many of its calls a trail records', async () => {
    const { result } = await demo();
    const bot = result.identities!.find((c) => c.id === user('data-sync-bot'))!;
    const crossing = result.findings.filter((f) => f.path.nodes.some((n) => n.id === bot.id)).map((f) => f.id).sort();
    expect(bot.findings).toEqual(crossing);
    expect(crossing).toHaveLength(6);
    // Every card of the demo has CloudTrail facts to count against.
    expect(result.identities!.every((c) => c.logging !== undefined)).toBe(true);
    const refresh = result.identities!.find((c) => c.id === role('acme-recsys-refresh-role'))!;
    expect(Object.values(refresh.logging!).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('raise exactly the identity posture findings, each on the card it concerns and joined to its paths', async () => {
    const { result } = await demo();
    const identityRules = new Set(['identity-model-data-tools', 'shared-execution-role', 'standing-credential-for-workload', 'unused-access-key']);
    const posture = (result.posture ?? []).filter((p) => identityRules.has(p.rule));
    expect(posture.map((p) => [p.rule, p.subject]).sort()).toEqual(
      [
        ['shared-execution-role', role('acme-sagemaker-inference-role')],
        ['shared-execution-role', role('acme-sagemaker-training-role')],
        ['shared-execution-role', role('acme-studio-default-role')],
        ['shared-execution-role', role('acme-support-agent-role')],
        ['identity-model-data-tools', role('acme-support-agent-role')],
        ['standing-credential-for-workload', user('data-sync-bot')],
        ['standing-credential-for-workload', user('embeddings-sync')],
        ['unused-access-key', user('ci-legacy')],
        ['unused-access-key', user('embeddings-sync')],
      ].sort(),
    );
    const cards = new Map(result.identities!.map((c) => [c.id, c]));
    for (const p of posture) {
      expect(cards.get(p.subject)?.posture).toContain(p.id);
      expect(p.findings).toEqual(cards.get(p.subject)?.findings);
    }
    expect(posture.filter((p) => p.rule === 'standing-credential-for-workload').map((p) => p.evidence['heldBy'])).toEqual([
      ['arn:aws:sagemaker:us-east-1:111111111111:model/fraud-scorer-v3'],
      ['arn:aws:ecs:us-east-1:111111111111:task-definition/embeddings-sync:4'],
    ]);
    // The support agents' shared role: no path reaches it, the posture finding says what it holds.
    const agent = posture.find((p) => p.rule === 'identity-model-data-tools')!;
    expect(agent.findings).toEqual([]);
    expect([agent.evidence['model'], agent.evidence['data'], agent.evidence['tools']]).toEqual([
      [`bedrock:${ML}`],
      ['arn:aws:s3:::acme-training-data-pii'],
      ['arn:aws:lambda:us-east-1:111111111111:function:acme-alarm-notifier'],
    ]);
    expect(agent.evidence['workloads']).toHaveLength(3);
  });

  it('name what to split or replace: the role, the workloads sharing it, the capabilities to separate, the key and the role that replaces it', async () => {
    const { result } = await demo();
    const fixes = new Map((result.posture ?? []).map((p) => [`${p.rule} ${p.subject}`, p]));
    const fn = (name: string) => `arn:aws:lambda:us-east-1:${ML}:function:${name}`;
    const agents = ['escalations', 'replies', 'triage'].map((part) => fn(`acme-support-agent-${part}`));
    const split = fixes.get(`identity-model-data-tools ${role('acme-support-agent-role')}`)!;
    expect(split.fix).toEqual({
      action: 'split-role',
      target: role('acme-support-agent-role'),
      workloads: agents,
      capabilities: { model: [`bedrock:${ML}`], data: ['arn:aws:s3:::acme-training-data-pii'], tools: [fn('acme-alarm-notifier')] },
    });
    expect(fixes.get(`shared-execution-role ${role('acme-support-agent-role')}`)!.fix).toEqual({ action: 'separate-workloads', target: role('acme-support-agent-role'), workloads: agents });
    expect(fixes.get(`standing-credential-for-workload ${user('data-sync-bot')}`)!.fix).toEqual({
      action: 'replace-key',
      target: user('data-sync-bot'),
      workloads: [`arn:aws:sagemaker:us-east-1:${ML}:model/fraud-scorer-v3`],
      replaceWith: [role('acme-sagemaker-inference-role')],
    });
    expect(fixes.get(`unused-access-key ${user('embeddings-sync')}`)!.fix).toEqual({
      action: 'deactivate-key',
      target: user('embeddings-sync'),
      workloads: [`arn:aws:ecs:us-east-1:${ML}:task-definition/embeddings-sync:4`],
      replaceWith: [role('acme-embeddings-task-role')],
    });
    expect(fixes.get(`unused-access-key ${user('ci-legacy')}`)!.fix).toEqual({ action: 'deactivate-key', target: user('ci-legacy') });
    expect(fixes.get(`bedrock-invocation-logging-off bedrock:${ML}`)!.fix).toEqual({ action: 'enable-invocation-logging', target: ML, regions: ['us-east-1'] });
    // The words lead with the named change (every name of the fix in them), the rule's general advice follows.
    const rules = new Map(loadRules().posture.map((r) => [r.id, r]));
    for (const p of result.posture ?? []) {
      const names = [p.fix.target, ...(p.fix.workloads ?? []), ...(p.fix.replaceWith ?? [])].map((id) => result.identities!.find((c) => c.id === id)?.label ?? id.split(/[/]/).pop()!.split(':').pop()!);
      const named = p.remediation.slice(0, p.remediation.length - rules.get(p.rule)!.remediation.length);
      expect(p.remediation.endsWith(rules.get(p.rule)!.remediation), p.id).toBe(true);
      for (const name of names) expect(named, `${p.rule} names ${name}`).toContain(name);
    }
  });

  it('appear in JSON, in the --details table and in HTML', async () => {
    const analyzed = await demo();
    const cards = analyzed.result.identities!;
    const json = JSON.parse((await renderRun(analyzed, { format: 'json', color: false })).output) as { identities: Array<{ id: string }>; posture: Array<{ id: string }> };
    expect(json.identities.map((c) => c.id)).toEqual(cards.map((c) => c.id));
    const shown = cards.filter((c) => c.findings.length > 0 || c.posture.length > 0);
    const table = (await renderRun(analyzed, { format: 'table', color: false, details: true })).output;
    expect(table).toContain(`Identity cards (${shown.length} of ${cards.length})`);
    for (const c of shown) expect(table).toContain(`${c.label} (${c.kind}, ${c.accountId})`);
    const html = (await renderRun(analyzed, { format: 'html', color: false })).output;
    const rows = [...html.matchAll(/data-identity="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(rows).toEqual(shown.map((c) => c.id).sort());
    const posture = [...html.matchAll(/data-posture="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(posture).toEqual(json.posture.map((p) => p.id).sort());
  });
});
