/**
 * How pictures tell node and hop kinds apart, declared once per kind (the compiler asks for a
 * line when src/graph adds one). DOT, Mermaid and the HTML legend map these groups to shapes
 * and colours of their own.
 */
import type { Severity } from '../analyze/finding.js';
import type { EdgeKind, NodeKind } from '../graph/index.js';

/** The families of nodes a reader needs to tell apart at a glance. */
export type NodeGroup = 'outside' | 'principal' | 'workload' | 'data' | 'control';

/** Every node kind's family. */
export const NODE_GROUP = {
  internet: 'outside',
  anonymous: 'outside',
  'external-account': 'outside',
  service: 'outside',
  'oidc-provider': 'outside',
  'saml-provider': 'outside',
  'authenticated-users': 'outside',
  network: 'outside',
  'external-endpoint': 'outside',
  'eks-cluster': 'outside',
  'account-admin': 'control',
  'foundation-models': 'control',
  'eks-cluster-admin': 'control',
  user: 'principal',
  role: 'principal',
  'lambda-function': 'workload',
  'notebook-instance': 'workload',
  endpoint: 'workload',
  model: 'workload',
  'training-job': 'workload',
  'processing-job': 'workload',
  'user-profile': 'workload',
  'api-route': 'workload',
  'agent-gateway': 'workload',
  'agent-runtime': 'workload',
  'code-interpreter': 'workload',
  'ecs-task-definition': 'workload',
  bucket: 'data',
  secret: 'data',
  'kms-key': 'data',
  'ssm-parameter': 'data',
  credential: 'data',
} as const satisfies Record<NodeKind, NodeGroup>;

/** How a hop's line is drawn: escalations stand out, configuration links are quiet. */
export type HopLine = 'solid' | 'bold' | 'dashed';

/** Every edge kind's line. */
export const HOP_LINE = {
  exposure: 'bold',
  'runs-as': 'dashed',
  'can-assume': 'solid',
  'data-access': 'solid',
  invoke: 'solid',
  'holds-credential': 'dashed',
  escalation: 'bold',
  'admin-equivalent': 'bold',
} as const satisfies Record<EdgeKind, HopLine>;

/** Fill colours of the node families (light, so black text stays readable). */
export const GROUP_FILL = {
  outside: '#fde2e1',
  principal: '#dbeafe',
  workload: '#dcfce7',
  data: '#fef3c7',
  control: '#ede9fe',
} as const satisfies Record<NodeGroup, string>;

/** Border colours of targets by severity of the worst finding ending there. */
export const SEVERITY_COLOR = {
  critical: '#b91c1c',
  high: '#c2410c',
  medium: '#a16207',
  low: '#4b5563',
} as const satisfies Record<Severity, string>;
