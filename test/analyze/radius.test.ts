/**
 * `radius` on every entry of the demo: what each reaches, and the proof of its cut: removing
 * the statements the cut names from the snapshot, rebuilding and searching again finds nothing.
 */
import { describe, expect, it } from 'vitest';
import { radiusOf, type RadiusResult } from '../../src/analyze/radius.js';
import { buildGraph } from '../../src/graph/index.js';
import { statementHash } from '../../src/iam/statement-hash.js';
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
    for (const [key, field] of Object.entries(record)) {
      // A policy kept as text (an API Gateway resource policy, its quotes escaped once more) is edited as the document it holds.
      if (typeof field === 'string' && field.startsWith('{') && field.includes('Statement')) {
        const escaped = field.includes('\\"');
        const parsed = JSON.parse(escaped ? field.replace(/\\"/g, '"') : field) as unknown;
        walk(parsed);
        const text = JSON.stringify(parsed);
        record[key] = escaped ? text.replace(/"/g, '\\"') : text;
      } else walk(field);
    }
  };
  walk(snapshot);
  return { input: { ...input, snapshot }, removed };
}

/**
 * A copy of the input without the credential a cut's configuration field holds: the marker
 * redaction left (its fingerprint) is blanked inside the record of that resource only.
 */
function withoutFields(input: LoadedInput, fields: ReadonlyArray<{ resource: string; field: string; fingerprint: string }>): { input: LoadedInput; removed: number } {
  const snapshot = structuredClone(input.snapshot);
  let removed = 0;
  const blank = (value: unknown, fingerprint: string): unknown => {
    if (typeof value === 'string' && value.startsWith('<redacted:') && value.includes(fingerprint)) {
      removed++;
      return '';
    }
    if (Array.isArray(value)) return value.map((v) => blank(v, fingerprint));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v, fingerprint)]));
    return value;
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const owned = fields.filter((f) => Object.values(record).includes(f.resource));
    for (const [key, field] of Object.entries(record)) record[key] = owned.reduce((v, f) => blank(v, f.fingerprint), field);
    Object.values(record).forEach(walk);
  };
  walk(snapshot);
  // What redaction found at load goes with the field: the graph reads credentials from that list.
  const credentials = input.credentials.filter((c) => !fields.some((f) => f.resource === c.resourceArn && f.field === c.field));
  return { input: { ...input, snapshot, credentials }, removed };
}

/** The fingerprint of the credential a resource's configuration field holds, as redaction found it at load. */
function heldFingerprint(resource: string, field: string): string {
  return loaded.credentials.find((c) => c.resourceArn === resource && c.field === field)!.fingerprint;
}

const radii = new Map<string, RadiusResult>(entries.map((node) => [node, radiusOf(built, rules, node)]));

describe('blast radius of every demo entry', () => {
  it('reaches the documented jewels: a leaked legacy CI key takes the whole account', () => {
    const ci = radii.get(`arn:aws:iam::${ML}:user/ci-legacy`)!;
    expect(ci.reached.filter((r) => !r.viaAdmin).map((r) => [r.node, r.impact])).toEqual([[`admin:${ML}`, 'C-ADMIN']]);
    expect(ci.reached.filter((r) => r.viaAdmin).every((r) => r.accountId === ML)).toBe(true);
    // Every jewel of 111 through the takeover, the Hugging Face token of acme-model-promote among them.
    expect(ci.count).toBe(31);
    expect(ci.cut).toEqual({ complete: true, statements: [expect.objectContaining({ policy: `arn:aws:iam::${ML}:user/ci-legacy#inline/rotate-ml-service-keys`, sid: 'RotateMlServiceUserKeys' })] });
    // The public front doors: eight impacts through three function URLs, an API, a gateway, a
    // Cognito guest role and a public GPU host. The chat API's role reaches two (the training
    // role's data and, since a grant on one model is LLMjacking, Bedrock): its function URL's two
    // public statements cut it as cheaply as two of its role's; the others at one statement each.
    const internet = radii.get('internet')!;
    expect(internet.count).toBe(8);
    expect(internet.cut.statements.map((s) => [s.policy.split(/:role\/|:function:/)[1], s.sid])).toEqual([
      ['acme-agentcore-gateway-role#inline/invoke-tools', 'InvokeTools'],
      ['acme-feedback-role#inline/feedback', 'RescoreTransaction'],
      ['acme-gpu-host-role#inline/weights', 'Weights'],
      ['acme-mobile-guest-role#trust-policy', undefined],
      ['acme-recsys-refresh-role#inline/model-refresh', 'PublishRankerArtifact'],
      ['acme-assistant-backend#resource-policy', 'apigateway-k7xq2m9d4a'],
      ['acme-chat-api#resource-policy', 'FunctionURLAllowInvokeAction'],
      ['acme-chat-api#resource-policy', 'FunctionURLAllowPublicAccess'],
    ]);
  });

  it('a credential held in configuration is cut by deleting the field that holds it (C10f), and a key id goes with its secret (C4m)', () => {
    const promote = radii.get(`arn:aws:lambda:us-east-1:${ML}:function:acme-model-promote`)!;
    // The function as a node also runs as its role, which reads the OpenAI key the right way (Secrets Manager).
    expect(promote.reached.map((r) => [r.node.split(':').pop(), r.impact])).toEqual([['f02908e29187', 'C-OUTSIDE'], ['prod/openai/api-key-60yzCL', 'C-SECRETS']]);
    expect(promote.cut.statements).toEqual([
      expect.objectContaining({ policy: `arn:aws:iam::${ML}:role/acme-model-promote-role#inline/promote`, sid: 'ReadJudgeApiKey' }),
      { policy: `arn:aws:lambda:us-east-1:${ML}:function:acme-model-promote`, policyKind: 'configuration', field: 'Environment.Variables.HF_TOKEN' },
    ]);
    const model = radii.get(`arn:aws:sagemaker:us-east-1:${ML}:model/fraud-scorer-v3`)!;
    expect(model.cut.statements.map((s) => [s.policyKind, s.field])).toEqual([
      ['configuration', 'PrimaryContainer.Environment.AWS_ACCESS_KEY_ID'],
      ['configuration', 'PrimaryContainer.Environment.AWS_SECRET_ACCESS_KEY'],
    ]);
    // The GitHub OIDC entry reaches the OpenAI secret (C2) and, through the function it may redeploy, the token (C10).
    expect(radii.get(`arn:aws:iam::${ML}:oidc-provider/token.actions.githubusercontent.com`)!.reached.map((r) => r.impact).sort()).toEqual(['C-OUTSIDE', 'C-SECRETS']);
  });

  it('code running in the EKS cluster reaches the runtime chains\' jewels (R1, R2), through its own entry points', () => {
    const cluster = radii.get(`arn:aws:eks:us-east-1:${ML}:cluster/acme-inference`)!;
    expect(cluster.reached.map((r) => [r.node, r.impact]).sort()).toEqual([['arn:aws:s3:::acme-model-artifacts', 'C-MODEL-THEFT'], ['arn:aws:s3:::acme-training-data-pii', 'C-DATA']]);
  });

  it('decoy entries reach nothing, and need no cut', () => {
    const empty = entries.filter((node) => radii.get(node)!.count === 0);
    expect(empty.sort()).toEqual([`arn:aws:iam::888888888888:root`, `arn:aws:iam::${ML}:user/airflow-scheduler`, `arn:aws:iam::${ML}:user/grafana-cloudwatch`, 'users:https://login.partner-retail.example'].sort());
    for (const node of empty) expect(radii.get(node)!.cut).toEqual({ statements: [], complete: true });
  });

  it.each(entries.filter((node) => radii.get(node)!.count > 0))('%s: removing the statements of its cut empties its radius', (node) => {
    const radius = radii.get(node)!;
    expect(radius.cut.complete).toBe(true);
    const statements = radius.cut.statements.filter((s) => s.policyKind !== 'configuration');
    const fields = radius.cut.statements.filter((s) => s.policyKind === 'configuration').map((s) => ({ resource: s.policy, field: s.field!, fingerprint: heldFingerprint(s.policy, s.field!) }));
    const hashes = new Set(statements.map((s) => s.statementHash!));
    expect(hashes.size).toBe(statements.length);
    const { input: edited, removed } = without(loaded, hashes);
    expect([...hashes].filter((h) => !removed.has(h)), 'every statement of the cut is found and removed').toEqual([]);
    const { input, removed: blanked } = withoutFields(edited, fields);
    expect(blanked, 'every credential field of the cut is found and blanked').toBeGreaterThanOrEqual(fields.length);
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
