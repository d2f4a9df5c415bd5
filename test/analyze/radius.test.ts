/**
 * `radius` on every entry of the demo: what each reaches, and the proof of its cut: removing
 * the statements the cut names from the snapshot, rebuilding and searching again finds nothing.
 */
import { describe, expect, it } from 'vitest';
import { radiusOf, type RadiusResult } from '../../src/analyze/radius.js';
import { buildGraph } from '../../src/graph/index.js';
import { statementHash } from '../../src/iam/compile.js';
import { loadInputs, type LoadedInput } from '../../src/load/index.js';
import { renderRadius, RADIUS_FORMATS } from '../../src/report/radius.js';
import { loadRules } from '../../src/rules/index.js';

const ML = '111111111111';
const rules = loadRules();
const loaded = await loadInputs(['fixtures/demo']);
const built = buildGraph(loaded, rules);
const entries = [...new Set(built.entries.map((e) => e.node))];

/** A copy of the input without the statements whose content hash is in `hashes`; counts what each removed. */
function without(input: LoadedInput, hashes: ReadonlySet<string>): { input: LoadedInput; removed: Map<string, number> } {
  const snapshot = structuredClone(input.snapshot);
  const removed = new Map<string, number>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if ('Statement' in record && ('Version' in record || Array.isArray(record['Statement']))) {
      const statements = (Array.isArray(record['Statement']) ? record['Statement'] : [record['Statement']]) as Array<Parameters<typeof statementHash>[0]>;
      record['Statement'] = statements.filter((s) => {
        const hash = statementHash(s);
        if (!hashes.has(hash)) return true;
        removed.set(hash, (removed.get(hash) ?? 0) + 1);
        return false;
      });
      return;
    }
    Object.values(record).forEach(walk);
  };
  walk(snapshot);
  return { input: { ...input, snapshot }, removed };
}

const radii = new Map<string, RadiusResult>(entries.map((node) => [node, radiusOf(built, rules, node)]));

describe('blast radius of every demo entry', () => {
  it('reaches the documented jewels: a leaked legacy CI key takes the whole account', () => {
    const ci = radii.get(`arn:aws:iam::${ML}:user/ci-legacy`)!;
    expect(ci.reached.filter((r) => !r.viaAdmin).map((r) => [r.node, r.impact])).toEqual([[`admin:${ML}`, 'C-ADMIN']]);
    expect(ci.reached.filter((r) => r.viaAdmin).every((r) => r.accountId === ML)).toBe(true);
    expect(ci.count).toBe(30);
    expect(ci.cut).toEqual({ complete: true, statements: [expect.objectContaining({ policy: `arn:aws:iam::${ML}:user/ci-legacy#inline/rotate-ml-service-keys`, sid: 'RotateMlServiceUserKeys' })] });
    // The public front doors: six impacts through three functions and a public GPU host,
    // cut at one statement of each function's role and of the host's.
    const internet = radii.get('internet')!;
    expect(internet.count).toBe(6);
    expect(internet.cut.statements.map((s) => [s.policy.split(':role/')[1], s.sid])).toEqual([
      ['acme-chat-api-role#inline/chat-api', 'PassTrainingRole'],
      ['acme-feedback-role#inline/feedback', 'RescoreTransaction'],
      ['acme-gpu-host-role#inline/weights', 'Weights'],
      ['acme-recsys-refresh-role#inline/model-refresh', 'PublishRankerArtifact'],
    ]);
  });

  it('code running in the EKS cluster reaches the runtime chains\' jewels (R1, R2), through its own entry points', () => {
    const cluster = radii.get(`arn:aws:eks:us-east-1:${ML}:cluster/acme-inference`)!;
    expect(cluster.reached.map((r) => [r.node, r.impact]).sort()).toEqual([['arn:aws:s3:::acme-model-artifacts', 'C-MODEL-THEFT'], ['arn:aws:s3:::acme-training-data-pii', 'C-DATA']]);
  });

  it('decoy entries reach nothing, and need no cut', () => {
    const empty = entries.filter((node) => radii.get(node)!.count === 0);
    expect(empty.sort()).toEqual([`arn:aws:iam::888888888888:root`, `arn:aws:iam::${ML}:user/airflow-scheduler`, `arn:aws:iam::${ML}:user/grafana-cloudwatch`].sort());
    for (const node of empty) expect(radii.get(node)!.cut).toEqual({ statements: [], complete: true });
  });

  it.each(entries.filter((node) => radii.get(node)!.count > 0))('%s: removing the statements of its cut empties its radius', (node) => {
    const radius = radii.get(node)!;
    expect(radius.cut.complete).toBe(true);
    const hashes = new Set(radius.cut.statements.map((s) => s.statementHash!));
    expect(hashes.size).toBe(radius.cut.statements.length);
    const { input, removed } = without(loaded, hashes);
    expect([...hashes].filter((h) => !removed.has(h)), 'every statement of the cut is found and removed').toEqual([]);
    const rebuilt = buildGraph(input, rules);
    const after = rebuilt.graph.hasNode(node) ? radiusOf(rebuilt, rules, node) : undefined;
    expect(after?.reached.map((r) => `${r.node} ${r.access}`) ?? []).toEqual([]);
  });

  it.each(entries)('%s: renders as a tree, JSON and Mermaid', (node) => {
    const radius = radii.get(node)!;
    const [table, json, mermaid] = RADIUS_FORMATS.map((format) => renderRadius(format, radius));
    expect(table).toContain(`weighted radius ${radius.weighted}`);
    const doc = JSON.parse(json!) as { schema: string; count: number; reached: unknown[]; cut: RadiusResult['cut']; byAccount: Array<{ count: number }> };
    expect([doc.schema, doc.count, doc.reached.length, doc.byAccount.reduce((n, a) => n + a.count, 0)]).toEqual(['blastpath.radius/v1', radius.count, radius.count, radius.count]);
    expect(mermaid!.split('\n')[0]).toBe('flowchart LR');
    expect(mermaid!.match(/subgraph /g)?.length ?? 0).toBe(new Set(radius.reached.map((r) => r.accountId)).size + new Set(radius.reached.map((r) => `${r.accountId} ${r.impact}`)).size);
  });
});
