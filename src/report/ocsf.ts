/**
 * OCSF 1.8.0 Detection Findings (class 2004) for Security Hub, Security Lake and SIEM import: one
 * event per finding, as a JSON array, with the `cloud` profile. The finding's uid is its ticket
 * key, so a re-import of the same risk by a changed route updates one finding instead of opening
 * another; the path id, the route and blastpath's own fields travel in `finding_info.uid_alt`,
 * `finding_info.attack_graph` and `unmapped.blastpath`. Validated against the OCSF schema in
 * fixtures/ocsf/ by test/report/ocsf.test.ts.
 */
import type { Finding, PathNode, Severity } from '../analyze/finding.js';
import { nodeRegion } from '../analyze/routing.js';
import { compareStrings } from '../core/hash.js';
import type { NodeKind } from '../graph/schema.js';
import type { ReportContext } from './context.js';
import { sortedSet, sortFindings } from './order.js';
import { hopText } from './sarif-flow.js';
import { ticketBook, type FindingTicket } from './ticket.js';

/** The OCSF schema version the events follow. */
export const OCSF_VERSION = '1.8.0';

/** OCSF severity_id and its caption for each severity. */
const SEVERITY: Record<Severity, { id: number; caption: string; riskLevel: number; riskCaption: string }> = {
  critical: { id: 5, caption: 'Critical', riskLevel: 4, riskCaption: 'Critical' },
  high: { id: 4, caption: 'High', riskLevel: 3, riskCaption: 'High' },
  medium: { id: 3, caption: 'Medium', riskLevel: 2, riskCaption: 'Medium' },
  low: { id: 2, caption: 'Low', riskLevel: 1, riskCaption: 'Low' },
};

/**
 * The resource type of each node kind, in the AWS Security Finding Format's vocabulary where it
 * has one (Security Hub's own resource types), `Other` where it has none.
 */
const RESOURCE_TYPES: Record<NodeKind, string> = {
  internet: 'Other',
  anonymous: 'Other',
  'external-account': 'AwsAccount',
  service: 'Other',
  'oidc-provider': 'Other',
  'saml-provider': 'Other',
  'authenticated-users': 'Other',
  network: 'Other',
  'external-endpoint': 'Other',
  'eks-cluster': 'AwsEksCluster',
  'account-admin': 'AwsAccount',
  'foundation-models': 'Other',
  'eks-cluster-admin': 'AwsEksCluster',
  user: 'AwsIamUser',
  role: 'AwsIamRole',
  'lambda-function': 'AwsLambdaFunction',
  'notebook-instance': 'AwsSageMakerNotebookInstance',
  endpoint: 'Other',
  model: 'Other',
  'training-job': 'Other',
  'processing-job': 'Other',
  'user-profile': 'Other',
  'api-route': 'Other',
  'agent-gateway': 'Other',
  'agent-runtime': 'Other',
  'code-interpreter': 'Other',
  'ecs-task-definition': 'AwsEcsTaskDefinition',
  bucket: 'AwsS3Bucket',
  secret: 'AwsSecretsManagerSecret',
  'kms-key': 'AwsKmsKey',
  'ssm-parameter': 'Other',
  credential: 'Other',
};

/** OCSF resource_details role_id: 1 Target, 2 Actor. */
const ROLE = { target: { role_id: 1, role: 'Target' }, actor: { role_id: 2, role: 'Actor' } } as const;

function partitionOf(id: string): string | undefined {
  return id.startsWith('arn:') ? id.split(':')[1] : undefined;
}

function tagsOf(owner: Record<string, string> | undefined) {
  const keys = Object.keys(owner ?? {}).sort(compareStrings);
  return keys.length ? { tags: keys.map((name) => ({ name, value: owner![name]! })) } : {};
}

function resource(node: PathNode | undefined, fallback: { id: string; label: string; kind: NodeKind }, role: (typeof ROLE)[keyof typeof ROLE], owner: Record<string, string> | undefined, sensitivity?: string[]) {
  const n = node ?? { id: fallback.id, label: fallback.label, kind: fallback.kind };
  const region = nodeRegion(n);
  const partition = partitionOf(n.id);
  return {
    uid: n.id,
    name: n.label,
    type: RESOURCE_TYPES[n.kind],
    ...role,
    ...(region ? { region } : {}),
    ...(partition ? { cloud_partition: partition } : {}),
    ...tagsOf(owner),
    data: { kind: n.kind, ...(n.accountId ? { accountId: n.accountId } : {}), ...(sensitivity?.length ? { sensitivity: sortedSet(sensitivity) } : {}) },
  };
}

/** The path as OCSF's graph object: nodes, and one directed edge per hop. */
function attackGraph(f: Finding) {
  const label = (id: string) => f.path.nodes.find((n) => n.id === id)?.label ?? id;
  return {
    uid: f.id,
    name: `${f.entry.label} → ${f.target.label}`,
    type: 'attack path',
    is_directed: true,
    nodes: f.path.nodes.map((n) => ({ uid: n.id, name: n.label, type: n.kind, ...(n.accountId ? { data: { accountId: n.accountId } } : {}) })),
    edges: f.path.edges.map((e, i) => ({
      uid: `${f.id}#${i}`,
      name: hopText(e, label(e.from), label(e.to)),
      relation: e.kind,
      source: e.from,
      target: e.to,
      is_directed: true,
      data: {
        ...(e.access ?? e.technique ?? e.entryPoint ? { capability: e.access ?? e.technique ?? e.entryPoint } : {}),
        actions: sortedSet(e.actions),
        conditional: e.conditional,
        confidence: e.confidence,
        grants: sortedSet(e.provenance.map((p) => `${p.policy}#${p.sid ?? p.statementHash ?? p.field ?? ''}`)),
      },
    })),
  };
}

function event(f: Finding, t: FindingTicket, ctx: ReportContext, time: number, suppressed: boolean, references: string[], ruleTitle: string | undefined) {
  const sev = SEVERITY[f.severity];
  const first = f.path.nodes[0];
  const target = f.path.nodes.find((n) => n.id === f.target.node);
  const account = t.fixAccount ?? t.accounts[0];
  return {
    activity_id: 1,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2004,
    class_name: 'Detection Finding',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    severity_id: sev.id,
    severity: sev.caption,
    // The state the finding describes is the snapshot's: no clock is read.
    time,
    message: t.title,
    status_id: suppressed ? 3 : 1,
    status: suppressed ? 'Suppressed' : 'New',
    is_alert: !suppressed,
    risk_score: Math.round(f.score),
    risk_level_id: sev.riskLevel,
    risk_level: sev.riskCaption,
    confidence_score: Math.round(f.factors.confidence * 100),
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'blastpath', vendor_name: 'blastpath', version: ctx.meta.toolVersion },
      profiles: ['cloud'],
      uid: f.id,
    },
    cloud: {
      provider: 'AWS',
      ...(account ? { account: { uid: account, type_id: 10, type: 'AWS Account' } } : {}),
      ...(t.regions.length === 1 ? { region: t.regions[0] } : {}),
    },
    finding_info: {
      uid: t.ticketKey,
      uid_alt: f.id,
      title: t.title,
      desc: `${f.entry.title} (${f.entry.entryPoint}) at ${f.entry.label} reaches ${f.target.label}: ${f.target.title} (${f.target.impact}), in ${f.path.edges.length} ${f.path.edges.length === 1 ? 'hop' : 'hops'}.`,
      types: ['Attack Path', f.target.impact],
      analytic: { uid: t.ruleId, name: ruleTitle ?? t.ruleId, type_id: 1, type: 'Rule' },
      ...(f.techniqueRefs?.some((r) => r.attack.length) ? { attacks: attacks(f) } : {}),
      attack_graph: attackGraph(f),
      data_sources: sortedSet(ctx.meta.snapshot.sources),
    },
    resources: [
      resource(target, { id: f.target.node, label: f.target.label, kind: f.target.kind }, ROLE.target, f.target.ownerTags, f.target.sensitivity),
      resource(first, { id: f.entry.node, label: f.entry.label, kind: f.entry.kind }, ROLE.actor, f.entry.ownerTags),
    ],
    remediation: { desc: t.remediation, ...(references.length ? { references } : {}) },
    unmapped: {
      blastpath: {
        findingId: f.id,
        ticketKey: t.ticketKey,
        ...(t.rootCause ? { rootCause: t.rootCause.id } : {}),
        score: f.score,
        entryPoint: f.entry.entryPoint,
        ...(f.entry.assumed ? { assumed: true } : {}),
        impact: f.target.impact,
        techniques: [...f.techniques],
        accounts: t.accounts,
        regions: t.regions,
        alternatives: f.alternatives,
        residualConditions: sortedSet(f.residualConditions),
        // The gaps themselves are in the JSON report; a SIEM at least sees that some exist.
        coverageGaps: ctx.result.gaps.length,
      },
    },
  };
}

/** MITRE ATT&CK techniques of the path's techniques, each once, sorted; a sub-technique with its parent. */
function attacks(f: Finding) {
  return sortedSet((f.techniqueRefs ?? []).flatMap((t) => t.attack)).map((uid) => {
    const [parent, sub] = uid.split('.');
    return sub !== undefined ? { technique: { uid: parent }, sub_technique: { uid } } : { technique: { uid } };
  });
}

/** The OCSF events of a report, as plain objects. */
export function ocsfEvents(ctx: ReportContext) {
  const book = ticketBook(ctx);
  const docs = new Map((ctx.rules ?? []).map((d) => [d.id, d]));
  const suppressed = new Set((ctx.gate?.suppressions?.applied ?? []).map((a) => a.finding));
  const parsed = Date.parse(ctx.meta.snapshot.collectedAt);
  const time = Number.isNaN(parsed) ? 0 : parsed;
  return sortFindings(ctx.result.findings).map((f) => {
    const t = book.finding(f);
    const doc = docs.get(t.ruleId);
    return event(f, t, ctx, time, suppressed.has(f.id), doc?.references ?? [], doc?.title);
  });
}

/** The OCSF report as text: a JSON array of Detection Findings, 2-space indent, one final newline. */
export function renderOcsf(ctx: ReportContext): string {
  return `${JSON.stringify(ocsfEvents(ctx), null, 2)}\n`;
}
