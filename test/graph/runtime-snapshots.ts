/** Small snapshots for the runtime tests (EKS, EC2, ECS, App Runner), built inline and loaded as the CLI loads them. */
import { forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph, type BuiltGraph, type EdgeAttrs } from '../../src/graph/index.js';
import { loadRules, type RuleSet } from '../../src/rules/index.js';
import { redactSnapshot, validateSnapshot } from '../../src/snapshot/index.js';

export const A = '111111111111';
export const R = 'us-east-1';
export type Json = Record<string, unknown>;

export const doc = (...Statement: Json[]) => ({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[], Resource: string | string[]) => ({ Effect: 'Allow', Action, Resource });
export const roleArn = (name: string) => `arn:aws:iam::${A}:role/${name}`;
export const trustService = (Service: string) => doc({ Effect: 'Allow', Principal: { Service }, Action: 'sts:AssumeRole' });

/** A role in GAAD's shape; `profile` puts it in an instance profile of its name. */
export function role(name: string, opts: { trust?: Json; policy?: Json; profile?: boolean } = {}): Json {
  return {
    RoleName: name,
    Arn: roleArn(name),
    AssumeRolePolicyDocument: opts.trust ?? trustService('ec2.amazonaws.com'),
    RolePolicyList: opts.policy ? [{ PolicyName: 'p', PolicyDocument: opts.policy }] : [],
    InstanceProfileList: opts.profile ? [{ InstanceProfileName: name, Arn: `arn:aws:iam::${A}:instance-profile/${name}` }] : [],
  };
}

/** A secret (a crown jewel under the bundled rules). */
export const secret = (name: string) => ({ ARN: `arn:aws:secretsmanager:${R}:${A}:secret:${name}-AbCdEf`, Name: name });
export const secretArn = (name: string) => `arn:aws:secretsmanager:${R}:${A}:secret:${name}-AbCdEf`;

/** One account with roles (and users, keys) and one region's sections. */
export function build(iam: { roles?: Json[]; users?: Json[]; keys?: Json[] }, region: Json, rules: RuleSet = loadRules(), options: { whatIf?: string[] } = {}): BuiltGraph {
  const snapshot = validateSnapshot(
    {
      schemaVersion: 1,
      collectedAt: '2025-06-01T12:00:00Z',
      tool: { name: 't', version: '0' },
      accounts: [
        {
          accountId: A,
          iam: { AuthorizationDetails: { UserDetailList: iam.users ?? [], RoleDetailList: iam.roles ?? [], GroupDetailList: [], Policies: [] }, ...(iam.keys ? { AccessKeyMetadata: iam.keys } : {}) },
          regions: { [R]: region },
        },
      ],
    },
    'case.json',
  );
  const { snapshot: redacted, credentials } = redactSnapshot(snapshot);
  return buildGraph({ snapshot: redacted, credentials }, rules, options);
}

/** Every edge as `from label > to label (kind[:technique or entry point])`, sorted. */
export function edgeLines(built: BuiltGraph, keep: (kind: string) => boolean = () => true): string[] {
  const label = (n: string) => built.graph.getNodeAttribute(n, 'label');
  const out: string[] = [];
  forEachEdge(built, (_k, a, from, to) => {
    if (!keep(a.kind)) return;
    const tag = a.entryPoint ?? a.technique ?? a.access ?? '';
    out.push(`${label(from)} > ${label(to)} (${a.kind}${tag ? `:${tag}` : ''}${a.conditional ? ', conditional' : ''})`);
  });
  return out.sort();
}

/** The attributes of the one edge between two labelled nodes of a kind. */
export function edgeAttrs(built: BuiltGraph, from: string, to: string, kind: string) {
  const label = (n: string) => built.graph.getNodeAttribute(n, 'label');
  const found: EdgeAttrs[] = [];
  forEachEdge(built, (_k, a, s, t) => {
    if (a.kind === kind && label(s) === from && label(t) === to) found.push(a);
  });
  return found.length === 1 ? found[0] : undefined;
}
