/**
 * `blastpath path` and `blastpath radius` end to end on the demo: verdicts and exit codes like
 * `can` (0 reachable, 1 not, 4 only under conditions), every hop with its provenance, credentials
 * named by access key id, and clear errors for names the graph does not hold.
 */
import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import { queryPath } from '../../src/analyze/path-query.js';
import type { AttackGraph, EdgeAttrs, NodeAttrs } from '../../src/graph/index.js';
import { runCli } from './helpers.js';

const DEMO = 'fixtures/demo';
const ML = '111111111111';
const iam = (path: string) => `arn:aws:iam::${ML}:${path}`;

async function pathJson(from: string, to: string, ...flags: string[]) {
  const run = await runCli(['path', from, to, DEMO, '--format', 'json', ...flags]);
  return { code: run.code, stderr: run.stderr, doc: run.stdout ? JSON.parse(run.stdout) : undefined };
}

describe('blastpath path', () => {
  it('an outside account reaches admin through the vendor role: exit 0, every hop with its statements', async () => {
    const { code, doc } = await pathJson('arn:aws:iam::999999999999:root', `admin:${ML}`);
    expect(code).toBe(0);
    expect(doc.schema).toBe('blastpath.path/v1');
    expect(doc.reachability).toBe('reachable');
    expect(doc.paths[0].nodes.map((n: { id: string }) => n.id)).toEqual([
      'arn:aws:iam::999999999999:root',
      iam('role/vendor-model-monitoring'),
      `arn:aws:sagemaker:us-east-1:${ML}:notebook-instance/research-notebook`,
      iam('role/acme-notebook-exec-role'),
      `admin:${ML}`,
    ]);
    for (const edge of doc.paths[0].edges) expect(edge.provenance.length).toBeGreaterThan(0);
  });

  it('the break-glass role needs MFA: only under conditions, exit 4', async () => {
    const { code, doc } = await pathJson(iam('user/security-lead'), `admin:${ML}`);
    expect([code, doc.reachability, doc.paths[0].conditional]).toEqual([4, 'conditional', true]);
    expect(doc.paths[0].edges[0].residual.join(' ')).toMatch(/aws:MultiFactorAuthPresent/);
  });

  it('a decoy reaches nothing: exit 1 with no path', async () => {
    const { code, doc } = await pathJson(iam('user/grafana-cloudwatch'), `admin:${ML}`);
    expect([code, doc.reachability, doc.paths]).toEqual([1, 'unreachable', []]);
  });

  it('names a credential by its access key id, and the table says the verdict', async () => {
    const run = await runCli(['path', 'AKIAIOSFODNN7DEMOKEY', `admin:${ML}`, DEMO]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/<from> AKIAIOSFODNN7DEMOKEY: expected an access key id listed in the inputs/);
    const table = await runCli(['path', iam('user/ci-legacy'), `admin:${ML}`, DEMO]);
    expect(table.stdout.split('\n')[0]).toBe(`REACHABLE: ${iam('user/ci-legacy')} → admin:${ML}`);
    expect(table.stdout).toContain('via policy arn:aws:iam::111111111111:user/ci-legacy#inline/rotate-ml-service-keys statement RotateMlServiceUserKeys');
  });

  it('rejects a node the graph does not hold, naming the argument', async () => {
    const run = await runCli(['path', 'internet', 'arn:aws:s3:::no-such-bucket', DEMO]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^blastpath: <to> arn:aws:s3:::no-such-bucket: expected a node of the graph/);
  });
});

describe('path alternatives (Yen over the graphology model)', () => {
  const node = (label: string): NodeAttrs => ({ kind: 'role', label, accountId: ML });
  const edge = (confidence: number, conditional = false): EdgeAttrs => ({ kind: 'escalation', actions: ['iam:PassRole'], provenance: [], conditional, confidence });
  const graph: AttackGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  for (const id of ['s', 'a', 'b', 'c', 't']) graph.addNode(id, node(id));
  graph.addEdgeWithKey('s-a', 's', 'a', edge(1));
  graph.addEdgeWithKey('a-t', 'a', 't', edge(0.75, true));
  graph.addEdgeWithKey('a-t-2', 'a', 't', edge(0.5));
  graph.addEdgeWithKey('s-b', 's', 'b', edge(0.9));
  graph.addEdgeWithKey('b-c', 'b', 'c', edge(0.9));
  graph.addEdgeWithKey('c-t', 'c', 't', edge(0.9));

  it('lists paths most certain first, parallel hops as distinct paths, and the best one without conditions', () => {
    const answer = queryPath({ graph, blocks: [] }, 's', 't', { decay: 0.97, alternatives: 5 });
    const hops = (p: { edges: Array<{ from: string; to: string; confidence: number }> }) => p.edges.map((e) => `${e.from}>${e.to}@${e.confidence}`).join(' ');
    expect(answer.paths.map(hops)).toEqual(['s>a@1 a>t@0.75', 's>b@0.9 b>c@0.9 c>t@0.9', 's>a@1 a>t@0.5']);
    expect(answer.reachability).toBe('reachable');
    expect(answer.unconditional && hops(answer.unconditional)).toBe('s>b@0.9 b>c@0.9 c>t@0.9');
    expect(queryPath({ graph, blocks: [] }, 't', 's', { decay: 0.97, alternatives: 2 }).reachability).toBe('unreachable');
  });
});

describe('blastpath radius', () => {
  it('writes the tree, JSON and Mermaid for a credential named by access key id', async () => {
    const json = await runCli(['radius', iam('user/ci-legacy'), DEMO, '--format', 'json']);
    const doc = JSON.parse(json.stdout);
    expect([json.code, doc.schema, doc.count, doc.cut.complete]).toEqual([0, 'blastpath.radius/v1', 31, true]);
    const mermaid = await runCli(['radius', 'anonymous', DEMO, '--format', 'mermaid']);
    expect(mermaid.stdout.split('\n')[0]).toBe('flowchart LR');
    const table = await runCli(['radius', 'internet', DEMO]);
    expect(table.stdout).toMatch(/^blast radius of internet \(internet\) within 6 hops\n8 crown-jewel impacts, weighted radius /);
  });
});
