/**
 * Whether a hop leaves a record, table-driven over trail configurations: one row per rule of
 * CloudTrail's (multi-Region, stopped, read/write split, data selectors by prefix, excluded
 * sources, organization trails, uncollected Regions) and per call CloudTrail never records.
 */
import { describe, expect, it } from 'vitest';
import type { EdgeAttrs, NodeAttrs } from '../../src/graph/index.js';
import { hopRecord, pathLogging, readLoggingFacts, type HopRecord } from '../../src/logging/index.js';
import { Snapshot, type Trail } from '../../src/snapshot/index.js';

const A = '111111111111';
const B = '222222222222';
const R = 'us-east-1';
const role = (account: string, name: string): NodeAttrs => ({ kind: 'role', label: name, accountId: account });

function trail(overrides: Partial<Trail> & { selectors?: Trail['EventSelectors'] } = {}): Trail {
  const { selectors, ...rest } = overrides;
  return {
    Name: 'audit',
    TrailARN: `arn:aws:cloudtrail:${R}:${A}:trail/audit`,
    HomeRegion: R,
    IsMultiRegionTrail: true,
    IncludeGlobalServiceEvents: true,
    Status: { IsLogging: true },
    EventSelectors: selectors ?? { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }] },
    ...rest,
  };
}

/** A snapshot of account A (and B when given) whose regions hold these trails. */
function facts(regions: Record<string, Trail[] | undefined>, extra: { b?: Record<string, Trail[]>; organization?: string[]; bedrock?: Record<string, boolean> } = {}) {
  const regionData = (trails: Record<string, Trail[] | undefined>, bedrock: Record<string, boolean> = {}) =>
    Object.fromEntries(
      [...new Set([...Object.keys(trails), ...Object.keys(bedrock)])].map((r) => [
        r,
        {
          ...(trails[r] ? { CloudTrail: { Trails: trails[r] } } : {}),
          ...(r in bedrock ? { Bedrock: { Agents: [], KnowledgeBases: [], CustomModels: [], ...(bedrock[r] ? { ModelInvocationLoggingConfiguration: { s3Config: { bucketName: 'logs' } } } : {}) } } : {}),
        },
      ]),
    );
  return readLoggingFacts(
    Snapshot.parse({
      schemaVersion: 1,
      collectedAt: '2026-01-01T00:00:00Z',
      tool: { name: 'blastpath', version: '0' },
      accounts: [{ accountId: A, regions: regionData(regions, extra.bedrock) }, ...(extra.b ? [{ accountId: B, regions: regionData(extra.b) }] : [])],
      ...(extra.organization ? { organization: { Organization: { Id: 'o-1' }, Accounts: extra.organization.map((Id) => ({ Id })) } } : {}),
    }),
  );
}

const edge = (kind: EdgeAttrs['kind'], actions: string[], resource?: string): EdgeAttrs => ({
  kind,
  actions,
  provenance: actions.map((action) => ({ policy: 'p', policyKind: 'identity', conditionKeys: [], action, ...(resource ? { resource } : {}) })),
  conditional: false,
  confidence: 1,
});

const hops = {
  putRolePolicy: { edge: edge('escalation', ['iam:PutRolePolicy'], `arn:aws:iam::${A}:role/x`), from: role(A, 'attacker'), to: { kind: 'account-admin', label: 'admin', accountId: A } as NodeAttrs, toId: `admin:${A}` },
  readSecret: { edge: edge('data-access', ['secretsmanager:GetSecretValue']), from: role(A, 'attacker'), to: { kind: 'secret', label: 's', accountId: A, region: R } as NodeAttrs, toId: `arn:aws:secretsmanager:${R}:${A}:secret:s` },
  readTraining: { edge: edge('data-access', ['s3:GetObject'], 'arn:aws:s3:::training/*'), from: role(A, 'attacker'), to: { kind: 'bucket', label: 'training', accountId: A, region: R } as NodeAttrs, toId: 'arn:aws:s3:::training' },
  readOther: { edge: edge('data-access', ['s3:GetObject'], 'arn:aws:s3:::other/*'), from: role(A, 'attacker'), to: { kind: 'bucket', label: 'other', accountId: A, region: R } as NodeAttrs, toId: 'arn:aws:s3:::other' },
  decrypt: { edge: edge('data-access', ['kms:Decrypt']), from: role(A, 'attacker'), to: { kind: 'kms-key', label: 'k', accountId: A, region: R } as NodeAttrs, toId: `arn:aws:kms:${R}:${A}:key/k` },
  invokeEndpoint: { edge: edge('invoke', ['sagemaker:InvokeEndpoint']), from: role(A, 'attacker'), to: { kind: 'endpoint', label: 'e', accountId: A, region: R } as NodeAttrs, toId: `arn:aws:sagemaker:${R}:${A}:endpoint/e` },
  invokeModel: { edge: edge('invoke', ['bedrock:InvokeModel']), from: role(A, 'attacker'), to: { kind: 'foundation-models', label: 'models', accountId: A } as NodeAttrs, toId: `bedrock:${A}` },
  runsAs: { edge: { ...edge('runs-as', []), provenance: [{ policy: 'fn', policyKind: 'configuration', conditionKeys: [], field: 'Role' }] } as EdgeAttrs, from: { kind: 'lambda-function', label: 'fn', accountId: A } as NodeAttrs, to: role(A, 'exec'), toId: 'r' },
  readInEu: { edge: edge('data-access', ['secretsmanager:GetSecretValue']), from: role(A, 'attacker'), to: { kind: 'secret', label: 's', accountId: A, region: 'eu-west-1' } as NodeAttrs, toId: `arn:aws:secretsmanager:eu-west-1:${A}:secret:s` },
  readInB: { edge: edge('data-access', ['secretsmanager:GetSecretValue']), from: role(B, 'reader'), to: { kind: 'secret', label: 's', accountId: B, region: R } as NodeAttrs, toId: `arn:aws:secretsmanager:${R}:${B}:secret:s` },
};

const status = (record: HopRecord) => record.status;

describe('hop records', () => {
  const managementOnly = facts({ [R]: [trail()] });
  it.each([
    ['a management write, by a multi-Region trail', managementOnly, hops.putRolePolicy, 'trail'],
    ['a management read', managementOnly, hops.readSecret, 'trail'],
    ['an object read without data events', managementOnly, hops.readTraining, 'none'],
    ['an endpoint invocation (CloudTrail never records it)', managementOnly, hops.invokeEndpoint, 'none'],
    ['a workload running as its role (no call)', managementOnly, hops.runsAs, 'no-call'],
    ['a call when the trail has stopped logging', facts({ [R]: [trail({ Status: { IsLogging: false } })] }), hops.putRolePolicy, 'event-history'],
    ['a read when the trail logs writes only', facts({ [R]: [trail({ selectors: { EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] } })] }), hops.readSecret, 'event-history'],
    ['a write when the trail logs writes only', facts({ [R]: [trail({ selectors: { EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] } })] }), hops.putRolePolicy, 'trail'],
    ['KMS calls when the trail excludes kms.amazonaws.com', facts({ [R]: [trail({ selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: ['kms.amazonaws.com'] }] } })] }), hops.decrypt, 'event-history'],
    [
      'an object read under a selected prefix (advanced selectors)',
      facts({ [R]: [trail({ selectors: { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::training/'] }] }] } })] }),
      hops.readTraining,
      'trail',
    ],
    [
      'an object read outside the selected prefix',
      facts({ [R]: [trail({ selectors: { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::training/'] }] }] } })] }),
      hops.readOther,
      'none',
    ],
    ['an object read when basic selectors select every bucket', facts({ [R]: [trail({ selectors: { EventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] } })] }), hops.readOther, 'trail'],
    ['a call in a Region a single-Region trail does not cover, whose CloudTrail was not read', facts({ [R]: [trail({ IsMultiRegionTrail: false })] }), hops.readInEu, 'unknown'],
    ['a call in a Region read and without a trail', facts({ [R]: [trail({ IsMultiRegionTrail: false })], 'eu-west-1': [] }), hops.readInEu, 'event-history'],
    ['a call when CloudTrail was not collected at all', facts({}), hops.putRolePolicy, 'unknown'],
    ['a call when the trail status was not answered', facts({ [R]: [trail({ Status: undefined })] }), hops.putRolePolicy, 'unknown'],
    ['a member account covered by the organization trail of the management account', facts({ [R]: [trail({ IsOrganizationTrail: true })] }, { b: { [R]: [] }, organization: [A, B] }), hops.readInB, 'trail'],
    ['a model invocation (any Region the caller picks) under a single-Region trail', facts({ [R]: [trail({ IsMultiRegionTrail: false })] }), hops.invokeModel, 'event-history'],
    ['an IAM call under a single-Region us-east-1 trail with global events', facts({ [R]: [trail({ IsMultiRegionTrail: false })] }), hops.putRolePolicy, 'trail'],
    ['a member account outside the organization', facts({ [R]: [trail({ IsOrganizationTrail: true })] }, { b: { [R]: [] } }), hops.readInB, 'event-history'],
  ])('%s: %s', (_label, logging, hop, expected) => {
    expect(status(hopRecord(logging, hop))).toBe(expected);
  });

  it('names the recording trails, and says whether model invocations keep their prompts', () => {
    expect(hopRecord(managementOnly, hops.putRolePolicy).trails).toEqual(['audit']);
    expect(hopRecord(facts({ [R]: [trail()] }, { bedrock: { [R]: false } }), hops.invokeModel)).toEqual({ status: 'trail', trails: ['audit'], invocationLogging: 'off' });
    expect(hopRecord(facts({ [R]: [trail()] }, { bedrock: { [R]: true } }), hops.invokeModel).invocationLogging).toBe('on');
    expect(hopRecord(managementOnly, hops.invokeModel).invocationLogging).toBe('unknown');
  });
});

describe('path logging', () => {
  it.each([
    [['trail', 'no-call', 'trail'], 'recorded'],
    [['trail', 'none'], 'partial'],
    [['none', 'event-history', 'no-call'], 'silent'],
    [['unknown', 'none'], 'unknown'],
    [['trail', 'unknown'], 'unknown'],
  ] as const)('%j is %s', (statuses, expected) => {
    expect(pathLogging(statuses.map((s) => ({ status: s })))).toBe(expected);
  });
});
