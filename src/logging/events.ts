/**
 * How CloudTrail records an action: as a management event (every trail logs them unless its
 * selectors say otherwise; Event history keeps them 90 days without a trail), as a data event of
 * a resource type (logged only by trails that select that type), or not at all. AWS semantics,
 * checked against the CloudTrail, S3, Lambda, Bedrock and SageMaker guides (docs/scoring.md,
 * "Silent hops", lists the sources).
 */
import { catalogAction } from '../iam/index.js';

/** What CloudTrail makes of one API call. */
export type TrailEvent =
  | { category: 'management'; readOnly: boolean; source: string }
  | { category: 'data'; resourceType: string; readOnly: boolean; arn: string }
  | { category: 'unrecorded' };

/** Data events by IAM action (lower case): the CloudTrail resource type that selects them. */
const DATA_EVENTS: Record<string, string> = {
  // Lambda: Invoke, and function URL requests (InvokeFunctionUrl), are data events.
  'lambda:invokefunction': 'AWS::Lambda::Function',
  'lambda:invokefunctionurl': 'AWS::Lambda::Function',
  // Bedrock agents, knowledge bases and flows log their runtime calls as data events.
  'bedrock:invokeagent': 'AWS::Bedrock::AgentAlias',
  'bedrock:invokeinlineagent': 'AWS::Bedrock::InlineAgent',
  'bedrock:retrieve': 'AWS::Bedrock::KnowledgeBase',
  'bedrock:retrieveandgenerate': 'AWS::Bedrock::KnowledgeBase',
  'bedrock:invokeflow': 'AWS::Bedrock::FlowAlias',
  // AgentCore gateway requests (tool calls) are data events of the gateway.
  'bedrock-agentcore:invokegateway': 'AWS::BedrockAgentCore::Gateway',
  'dynamodb:getitem': 'AWS::DynamoDB::Table',
  'dynamodb:batchgetitem': 'AWS::DynamoDB::Table',
  'dynamodb:query': 'AWS::DynamoDB::Table',
  'dynamodb:scan': 'AWS::DynamoDB::Table',
  'dynamodb:putitem': 'AWS::DynamoDB::Table',
  'dynamodb:updateitem': 'AWS::DynamoDB::Table',
  'dynamodb:deleteitem': 'AWS::DynamoDB::Table',
  'dynamodb:batchwriteitem': 'AWS::DynamoDB::Table',
};

/**
 * Calls CloudTrail does not record at all: SageMaker runtime invocations, and requests to an API
 * Gateway API (CloudTrail records calls to the API Gateway service's own API; requests to the
 * deployed API go only to its access and execution logs).
 */
const UNRECORDED = new Set(['sagemaker:invokeendpoint', 'sagemaker:invokeendpointasync', 'sagemaker:invokeendpointwithresponsestream', 'execute-api:invoke']);

/**
 * Model invocations: CloudTrail records the call (a read-only management event of
 * bedrock.amazonaws.com) but never the prompt or the answer; only Bedrock model invocation
 * logging keeps those.
 */
export const MODEL_INVOCATIONS: ReadonlySet<string> = new Set(['bedrock:invokemodel', 'bedrock:invokemodelwithresponsestream']);

/** Read-only per the action catalog's access level: CloudTrail's `readOnly` follows the same split. */
function readOnly(action: string): boolean {
  const levels = catalogAction(action)?.accessLevels ?? [];
  return levels.length > 0 && levels.every((level) => level === 'read' || level === 'list');
}

/** The event one call of `action` on `resource` makes. */
export function trailEvent(action: string, resource: string): TrailEvent {
  const lower = action.toLowerCase();
  if (UNRECORDED.has(lower)) return { category: 'unrecorded' };
  const [service = ''] = lower.split(':');
  // S3: object-level calls and object listings are data events; bucket settings are management.
  if (service === 's3' && (/^arn:[^:]+:s3:::[^/]+\/.+/.test(resource) || lower.startsWith('s3:listbucket'))) {
    return { category: 'data', resourceType: 'AWS::S3::Object', readOnly: readOnly(action), arn: resource };
  }
  const dataType = DATA_EVENTS[lower];
  if (dataType) return { category: 'data', resourceType: dataType, readOnly: readOnly(action), arn: resource };
  return { category: 'management', readOnly: readOnly(action), source: `${service}.amazonaws.com` };
}
