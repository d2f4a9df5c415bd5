/**
 * OCSF Detection Finding output, validated against a JSON Schema of OCSF 1.8.0's class 2004
 * derived from the published schema (fixtures/ocsf/README.md), with ajv.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ticketKeyOf } from '../../src/analyze/finding-id.js';
import { applyGate } from '../../src/gate/index.js';
import { renderReport } from '../../src/report/index.js';
import { demoAnalyzed, demoContext } from '../gate/contexts.js';
import { SCENARIOS } from './results.js';

const SCHEMA_FILE = 'fixtures/ocsf/detection_finding-1.8.0-cloud.schema.json';

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  // strictRequired off: OCSF's at_least_one constraints list properties inside anyOf branches.
  validator ??= new Ajv({ strict: true, strictRequired: false, allErrors: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  return validator;
}

function errors(event: unknown): string[] {
  const v = validate();
  return v(event) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

type Event = Record<string, any>;
const events = (text: string) => JSON.parse(text) as Event[];

describe('OCSF Detection Finding report', () => {
  it('the vendored schema is OCSF 1.8.0 Detection Finding and rejects what the class forbids', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    expect(schema.properties.class_uid).toEqual({ type: 'integer', const: 2004 });
    const [event] = events(renderReport('ocsf', { ...SCENARIOS.demo(), color: false }));
    expect(errors(event)).toEqual([]);
    expect(errors({ ...event, class_uid: 2003 })).not.toEqual([]);
    expect(errors({ ...event, severity_id: 7 })).not.toEqual([]);
    expect(errors({ ...event, finding_info: { title: 'no uid' } })).not.toEqual([]);
    expect(errors({ ...event, made_up: true })).not.toEqual([]);
    const { cloud: _cloud, ...withoutCloud } = event!;
    expect(errors(withoutCloud)).not.toEqual([]);
  });

  it.each(Object.keys(SCENARIOS) as Array<keyof typeof SCENARIOS>)('%s: one valid event per finding', (name) => {
    const ctx = { ...SCENARIOS[name](), color: false };
    const list = events(renderReport('ocsf', ctx));
    expect(list).toHaveLength(ctx.result.findings.length);
    for (const e of list) expect(errors(e)).toEqual([]);
  });

  it('the demo with rules, a baseline and a suppression: every event validates; keys, severity and status map', async () => {
    const { result } = await demoAnalyzed();
    const suppressed = result.findings[1]!;
    const gate = applyGate(result, { today: '2026-11-02', suppressions: { file: 's.yaml', suppressions: [{ index: 0, match: { by: 'finding', value: suppressed.id }, reason: 'r', expires: '2026-12-31' }] } });
    const list = events(renderReport('ocsf', await demoContext(gate)));
    expect(list).toHaveLength(result.findings.length);
    for (const e of list) expect(errors(e)).toEqual([]);
    for (const f of result.findings) {
      const e = list.find((x) => x.finding_info.uid_alt === f.id)!;
      expect(e.finding_info.uid).toBe(ticketKeyOf(f));
      expect(e.severity_id).toBe({ critical: 5, high: 4, medium: 3, low: 2 }[f.severity]);
      expect(e.class_uid).toBe(2004);
      expect(e.type_uid).toBe(200401);
      expect(e.time).toBe(Date.parse('2026-11-02T08:00:00Z'));
      expect(e.finding_info.attack_graph.edges).toHaveLength(f.path.edges.length);
      expect(e.status_id).toBe(f.id === suppressed.id ? 3 : 1);
      expect(e.unmapped.blastpath.coverageGaps).toBe(result.gaps.length);
    }
    const vendor = list.find((x) => x.finding_info.uid_alt === 'bp-844018ef94a23acc')!;
    expect(vendor.finding_info.analytic).toMatchObject({ uid: 'iam-put-role-policy-self', type_id: 1 });
    expect(vendor.cloud).toMatchObject({ provider: 'AWS', account: { uid: '111111111111', type_id: 10 } });
    expect(vendor.remediation.desc).toMatch(/^Scope statement `SelfServiceBucketAccess`/);
    expect(vendor.finding_info.attacks).toContainEqual({ technique: { uid: 'T1548' }, sub_technique: { uid: 'T1548.005' } });
    const bucket = list.find((x) => x.finding_info.uid_alt === 'bp-ae89978b15706e70')!;
    expect(bucket.resources[0]).toMatchObject({ uid: 'arn:aws:s3:::acme-model-artifacts-public', type: 'AwsS3Bucket', role_id: 1, tags: [{ name: 'owner', value: 'applied-ml' }] });
  });

  it('writes an empty array when nothing was found', () => {
    expect(renderReport('ocsf', { ...SCENARIOS.empty(), color: false })).toBe('[]\n');
  });
});
