import { it } from 'vitest';
import { buildGraph } from '../src/graph/index.js';
import { loadInputs } from '../src/load/index.js';
import { loadRules } from '../src/rules/index.js';
const FIRST = ['iam-attach-role-policy-self','iam-attach-user-policy-self','iam-create-access-key','iam-create-policy-version','iam-put-role-policy-self','iam-put-user-policy-self','lambda-create-function-invoke','lambda-update-function-code','sagemaker-create-notebook-instance','sagemaker-create-processing-job','sagemaker-create-training-job','sagemaker-presigned-notebook-url','sts-assume-role'];
it('time', async () => {
  const loaded = await loadInputs([process.env.INPUT ?? 'fixtures/demo']);
  const rules = loadRules();
  const first = { ...rules, techniques: rules.techniques.filter((t) => FIRST.includes(t.id)) };
  const sets = process.env.ONLY === 'all' ? [['all', rules]] : [['first13', first], ['all', rules]];
  for (const [name, r] of sets as Array<[string, typeof rules]>) {
    const t = performance.now();
    const b = buildGraph(loaded, r);
    const counts = new Map<string, number>();
    b.graph.forEachEdge((_, a) => { if (a.technique) counts.set(a.technique, (counts.get(a.technique) ?? 0) + 1); });
    console.log(name, (performance.now() - t).toFixed(0), 'ms', b.graph.order, 'nodes', b.graph.size, 'edges');
    if (process.env.COUNTS) console.log([...counts].sort((a, b) => b[1] - a[1]).slice(0, 25).join(' '));
  }
}, 900_000);
