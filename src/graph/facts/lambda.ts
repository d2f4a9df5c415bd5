/** Lambda facts: functions with their execution role, function policy, URLs and environment key; the streams and queues that feed them. */
import type { RegionData } from '../../snapshot/index.js';
import { resourcePolicy, type RegionalReader } from './regional.js';
import { runsAsWorkloads } from './runs-as.js';

/**
 * Sources a new function can be mapped to with nothing but lambda:CreateEventSourceMapping: a
 * DynamoDB stream, a Kinesis stream or an SQS queue (Kafka, MQ and DocumentDB sources also need
 * network and authentication settings the attacker would have to know).
 */
const POLLED_SOURCE = /^arn:[^:]+:(dynamodb:[^:]*:\d*:table\/[^/]+\/stream\/|kinesis:[^:]*:\d*:stream\/|sqs:)/;

/** Each stream or queue an existing event source mapping reads, once. */
function eventSources(data: RegionData): Array<{ arn: string; name: string }> {
  const arns = new Set((data.Lambda?.EventSourceMappings ?? []).flatMap((m) => (m.EventSourceArn && POLLED_SOURCE.test(m.EventSourceArn) ? [m.EventSourceArn] : [])));
  return [...arns].sort().map((arn) => ({ arn, name: arn.split(':').slice(5).join(':') }));
}

/** The Lambda reader. */
export const lambda: RegionalReader = {
  resources: (data, at, policies) =>
    (data.Lambda?.Functions ?? []).map((fn) => ({
      accountId: at.accountId,
      partition: at.partition,
      region: at.region,
      arn: fn.FunctionArn,
      kind: 'lambda-function',
      name: fn.FunctionName,
      tags: { ...(fn.Tags ?? {}) },
      ...resourcePolicy(fn.FunctionArn, fn.Policy, policies),
      role: { arn: fn.Role, field: 'Role' },
      flags: [],
      functionUrls: (fn.FunctionUrlConfigs ?? []).map((u) => ({ url: u.FunctionUrl, authType: u.AuthType, qualifiedArn: u.FunctionArn })),
      ...(fn.KMSKeyArn ? { keyArn: fn.KMSKeyArn } : {}),
    })),
  // A stream or queue already feeding a function is one something writes to: a new mapping
  // onto it is invoked as soon as the next record arrives.
  workloads: (data, at, links) => runsAsWorkloads('lambda-event-source', eventSources(data), at, links),
};
