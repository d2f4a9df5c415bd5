/**
 * How tickets name what to change: a node by its kind and name (`role acme-notebook-exec-role`),
 * a policy by what it is and where it lives (`inline policy research on role ...`), a statement by
 * Sid, position or content hash. Built from provenance fields and node labels, never parsed back
 * from prose; identifiers are quoted by the caller's `quote` (backticks in text, plain in a terminal).
 */
import { parseArn } from '../core/arn.js';
import type { PathNode } from '../analyze/finding.js';
import type { NodeKind, Provenance } from '../graph/schema.js';

/** Quotes an identifier for the medium: backticks for JSON and markdown, nothing for the terminal. */
export type Quote = (text: string) => string;

/** Backticks, the quoting of ticket text in JSON, SARIF and OCSF. */
export const backticks: Quote = (text) => `\`${text.replace(/`/g, "'")}\``;

/** The noun for each node kind, as a ticket says it; none for synthetic nodes, whose label says what they are. */
const KIND_NOUNS: Record<NodeKind, string | undefined> = {
  internet: undefined,
  anonymous: undefined,
  'external-account': undefined,
  service: undefined,
  'oidc-provider': 'OIDC provider',
  'saml-provider': 'SAML provider',
  'authenticated-users': undefined,
  network: undefined,
  'external-endpoint': 'backend outside AWS',
  'eks-cluster': undefined,
  'account-admin': undefined,
  'foundation-models': undefined,
  'eks-cluster-admin': undefined,
  user: 'user',
  role: 'role',
  'lambda-function': 'function',
  'notebook-instance': 'notebook instance',
  endpoint: 'endpoint',
  model: 'model',
  'training-job': 'training job',
  'processing-job': 'processing job',
  'user-profile': 'Studio user profile',
  'api-route': 'API route',
  'agent-gateway': 'AgentCore gateway',
  'agent-runtime': 'AgentCore runtime',
  'code-interpreter': 'AgentCore code interpreter',
  'ecs-task-definition': 'ECS task definition',
  bucket: 'bucket',
  secret: 'secret',
  'kms-key': 'KMS key',
  'ssm-parameter': 'SSM parameter',
  credential: 'credential',
};

/** Nouns for ARN resource types of nodes a report may not have on its paths (policy owners). */
const ARN_NOUNS: Record<string, string> = {
  role: 'role',
  user: 'user',
  group: 'group',
  function: 'function',
  secret: 'secret',
  key: 'KMS key',
  'notebook-instance': 'notebook instance',
  model: 'model',
  endpoint: 'endpoint',
  'training-job': 'training job',
  'processing-job': 'processing job',
  'user-profile': 'Studio user profile',
  domain: 'Studio domain',
  parameter: 'SSM parameter',
  'task-definition': 'ECS task definition',
  cluster: 'cluster',
};

/** What a report knows about a node id: its label and kind, from the findings' paths. */
export type NodeLookup = ReadonlyMap<string, Pick<PathNode, 'label' | 'kind'>>;

/** Every node on the findings' paths, by id. */
export function nodeLookup(findings: ReadonlyArray<{ path: { nodes: readonly PathNode[] } }>): Map<string, Pick<PathNode, 'label' | 'kind'>> {
  const out = new Map<string, Pick<PathNode, 'label' | 'kind'>>();
  for (const f of findings) for (const n of f.path.nodes) if (!out.has(n.id)) out.set(n.id, { label: n.label, kind: n.kind });
  return out;
}

/** `role acme-chat-exec`, `bucket acme-training-data`; the label alone for synthetic nodes. */
export function nodeWords(id: string, nodes: NodeLookup, quote: Quote): string {
  const known = nodes.get(id);
  if (known) {
    const noun = KIND_NOUNS[known.kind];
    return noun ? `${noun} ${quote(known.label)}` : quote(known.label);
  }
  const arn = parseArn(id);
  if (!arn) return quote(id);
  if (arn.service === 's3' && !arn.resource.includes('/')) return `bucket ${quote(arn.resource)}`;
  const [type, ...rest] = arn.resource.split(/[/:]/);
  const noun = type !== undefined ? ARN_NOUNS[type] : undefined;
  const name = rest[rest.length - 1];
  return noun && name ? `${noun} ${quote(name)}` : quote(id);
}

/** A policy in words: `inline policy research on role x`, `the trust policy of role y`, `AWS managed policy Z`. */
export function policyWords(p: Pick<Provenance, 'policy' | 'policyKind'>, nodes: NodeLookup, quote: Quote): string {
  const [owner = p.policy, suffix] = p.policy.split('#', 2);
  if (suffix?.startsWith('inline/')) return `inline policy ${quote(suffix.slice('inline/'.length))} on ${nodeWords(owner, nodes, quote)}`;
  if (suffix === 'resource-policy') return `the resource policy of ${nodeWords(owner, nodes, quote)}`;
  if (suffix === 'trust-policy') return `the trust policy of ${nodeWords(owner, nodes, quote)}`;
  if (p.policyKind === 'configuration') return nodeWords(p.policy, nodes, quote);
  const arn = parseArn(p.policy);
  const name = arn?.resource.split('/').pop() ?? p.policy;
  if (p.policyKind === 'scp') return `SCP ${quote(name)}`;
  if (arn?.service === 'iam' && arn.resource.startsWith('policy/')) {
    return arn.accountId === 'aws' ? `AWS managed policy ${quote(name)}` : `managed policy ${quote(name)}`;
  }
  return `${p.policyKind === 'boundary' ? 'permissions boundary' : 'policy'} ${quote(p.policy)}`;
}

/** True for an AWS managed policy, which can be detached but not edited. */
export function isAwsManaged(policy: string): boolean {
  return parseArn(policy)?.accountId === 'aws';
}

/** `statement SelfServiceBucketAccess`, `statement 0 (hash e54c...)`, `field RoleArn`. */
export function statementWords(p: Pick<Provenance, 'sid' | 'statementIndex' | 'statementHash' | 'field'>, quote: Quote): string {
  if (p.field !== undefined) return `field ${quote(p.field)}`;
  if (p.sid !== undefined) return `statement ${quote(p.sid)}`;
  const hash = p.statementHash !== undefined ? `hash ${quote(p.statementHash)}` : undefined;
  if (p.statementIndex !== undefined) return `statement ${p.statementIndex}${hash ? ` (${hash})` : ''}`;
  return hash ? `the statement with ${hash}` : 'a statement';
}
