/**
 * The attack graph's vocabulary, declared once: node kinds (with the role each plays), edge
 * kinds and data-access levels. The lowest module of the product: every stage that names a kind
 * imports it (snapshot, rules, graph, analyze, report), and it imports nothing. A list elsewhere
 * that names kinds is a subset of these, written `satisfies readonly NodeKind[]` or derived with
 * kindsOf(), so the compiler catches a misspelt or retired kind.
 */

/**
 * What a node stands for:
 * - `outsider`: an entry point's source, where the attacker stands before the first hop: someone
 *   outside every account of the snapshot, or code the attacker already runs inside one (a
 *   cluster's pods); only the first hops of its own entry points leave it;
 * - `capability`: something gained rather than a resource (account admin, model invocation);
 * - `principal`: an IAM user or role;
 * - `workload`: something that runs code as a role;
 * - `data`: a resource whose contents are the prize.
 */
export type NodeRole = 'outsider' | 'capability' | 'principal' | 'workload' | 'data';

/** Every node kind and its role, in the order docs list them. */
export const NODE_KIND_ROLES = {
  internet: 'outsider', // anyone who can send an HTTP request
  anonymous: 'outsider', // the AWS principal "*": any caller, signed from any account or unsigned
  'external-account': 'outsider', // an account outside the snapshot, by its root ARN
  service: 'outsider', // an AWS service principal, `service:<name>`
  'oidc-provider': 'outsider',
  'saml-provider': 'outsider',
  'authenticated-users': 'outsider', // `users:<issuer>`: callers an authorizer or identity provider admits (a user pool, a JWT issuer, a Lambda authorizer)
  network: 'outsider', // `network:<front door>`: callers that must send from a network a grant is pinned to (a VPC, an endpoint, an address range)
  'external-endpoint': 'outsider', // `external:<url or target>`: a backend outside AWS a front door forwards requests to
  'eks-cluster': 'outsider', // code running in an EKS cluster's pods (the cluster's ARN): code-in-cluster entries start here
  'account-admin': 'capability', // `admin:<accountId>`: full control of the account
  'foundation-models': 'capability', // `bedrock:<accountId>`: the Bedrock models the account pays for (LLMjacking)
  'eks-cluster-admin': 'capability', // `eks-admin:<clusterArn>`: runs pods as any service account of the cluster, on any node
  user: 'principal',
  role: 'principal',
  'lambda-function': 'workload',
  'notebook-instance': 'workload',
  endpoint: 'data', // invoked, not taken over: its model runs as the model's role
  model: 'workload',
  'training-job': 'workload',
  'processing-job': 'workload',
  'user-profile': 'workload',
  'api-route': 'workload', // a deployed method or route of an API Gateway stage, as its execute-api ARN
  'agent-gateway': 'workload', // a Bedrock AgentCore gateway: calls its targets (Lambda, OpenAPI, MCP) for its callers
  'agent-runtime': 'workload', // a Bedrock AgentCore runtime: runs an agent's code as its execution role
  'code-interpreter': 'workload', // a custom Bedrock AgentCore code interpreter: runs session code as its execution role
  'ecs-task-definition': 'workload', // its tasks run as the task role; its environment and secrets are configuration
  bucket: 'data',
  secret: 'data',
  'kms-key': 'data',
  'ssm-parameter': 'data', // a Systems Manager parameter; SecureString values are secrets
  credential: 'data', // `credential:<fingerprint>`: a credential found in workload configuration, by its fingerprint (never its value)
} as const satisfies Record<string, NodeRole>;

export type NodeKind = keyof typeof NODE_KIND_ROLES;

/** Every node kind. */
export const NODE_KINDS = Object.keys(NODE_KIND_ROLES) as NodeKind[];

/** Node kinds of one role, as a type. */
export type KindOf<R extends NodeRole> = { [K in NodeKind]: (typeof NODE_KIND_ROLES)[K] extends R ? K : never }[NodeKind];

/** The node kinds playing one of `roles`, in declaration order. */
export function kindsOf<R extends NodeRole>(...roles: R[]): Array<KindOf<R>> {
  return NODE_KINDS.filter((kind) => (roles as NodeRole[]).includes(NODE_KIND_ROLES[kind])) as Array<KindOf<R>>;
}

/** True for the sources of entry points: nodes standing for someone outside the snapshot. */
export function isOutsider(kind: NodeKind): boolean {
  return NODE_KIND_ROLES[kind] === 'outsider';
}

/** Kinds of the snapshot's resources that get a node: workloads and data. */
export type ResourceKind = KindOf<'workload' | 'data'>;

export const EDGE_KINDS = [
  'exposure', // an entry reaches a workload or resource without credentials of the victim's
  'runs-as', // a workload runs with an execution role
  'can-assume', // trust policy and caller permissions both allow sts:AssumeRole*
  'data-access', // principal reads/writes/decrypts/deletes/re-policies a data resource
  'invoke', // principal invokes an endpoint, function or model
  'holds-credential', // a workload's configuration holds a credential: a user's long-lived key, or a credential node
  'escalation', // principal gains a role, principal, workload or admin through a technique
  'admin-equivalent', // principal's policies already allow every action on every resource
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export const DATA_ACCESS_LEVELS = ['read', 'write', 'decrypt', 'delete', 'policy-change'] as const;
export type DataAccess = (typeof DATA_ACCESS_LEVELS)[number];
