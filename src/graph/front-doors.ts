/**
 * Where front doors pass their callers' requests. A route or gateway reaches a Lambda function
 * (an invoke edge, code-bounded: the caller drives the code without controlling it) when the
 * function's policy lets API Gateway invoke it for that route, or the integration's credentials
 * role may invoke it; an AWS service integration reaches only the one action its credentials
 * role performs on the one resource it names (or on any crown jewel of the kind, when the
 * caller's request names it), never the role itself; an HTTP or VPC-link integration, an MCP
 * server or an OpenAPI target is where the path leaves AWS (an external-endpoint node). Who
 * reaches the front door itself is the entry points' business (entry-points/front-door-*.ts).
 */
import { evaluate, type EvaluationResult } from '../iam/index.js';
import type { RuleSet } from '../rules/index.js';
import { hopConfidence } from './confidence.js';
import { decide, provenanceOf, residualClauses } from './decide.js';
import { EdgeSet, type NodeSpec, type ProvenanceKeys } from './edges.js';
import type { Backend, Facts, Resource } from './facts/index.js';
import { nodeIds, type DataAccess, type EdgeAttrs } from './schema.js';
import type { CrownJewel } from './sensitivity.js';

/** What the step needs from earlier ones. */
export interface FrontDoorScope {
  jewels: ReadonlyMap<string, CrownJewel>;
  modelAccounts: ReadonlySet<string>;
}

/** The front doors of the facts: API routes and AgentCore gateways pass requests on (runtimes run their own code). */
export function frontDoorsOf(facts: Facts): Resource[] {
  return facts.resources.filter((r) => r.frontDoor !== undefined);
}

/** The function an integration names, without an alias or version qualifier. */
function functionNode(facts: Facts, arn: string): Resource | undefined {
  return facts.resourcesByArn.get(arn) ?? facts.resourcesByArn.get(arn.split(':').slice(0, 7).join(':'));
}

/** May the front door invoke the function: through its credentials role, or as API Gateway under the function's policy. */
function mayInvokeFunction(facts: Facts, door: Resource, fn: Resource, credentials: string | undefined): EvaluationResult | undefined {
  if (credentials) {
    const role = facts.principalsByArn.get(credentials);
    return role && decide({ caller: role, action: 'lambda:InvokeFunction', resource: fn.arn, resourceAccount: fn.accountId, ...(fn.policy ? { resourcePolicy: fn.policy } : {}) });
  }
  if (door.kind !== 'api-route' || !fn.policy) return undefined;
  return evaluate(
    {
      principal: { arn: 'apigateway.amazonaws.com', type: 'service' },
      action: 'lambda:InvokeFunction',
      resource: fn.arn,
      resourceAccount: fn.accountId,
      context: { 'aws:sourcearn': [door.frontDoor!.invoke.arn], 'aws:sourceaccount': [door.accountId], 'aws:principalisawsservice': ['true'] },
    },
    { identity: [], resource: fn.policy, resourcePolicyMode: 'required' },
  );
}

/** The crown jewels an AWS service integration may reach: its named resource, or every jewel of its kind. */
function serviceTargets(facts: Facts, scope: FrontDoorScope, door: Resource, backend: Extract<Backend, { kind: 'aws-service' }>): Array<{ node: string; request: string; access: 'read' | 'write' | 'delete' | 'invoke' }> {
  const [service] = backend.action.split(':');
  const jewelsOf = (kind: string) => [...scope.jewels.values()].filter((j) => facts.resourcesByArn.get(j.node)?.kind === kind).map((j) => j.node);
  if (service === 's3') {
    const access = backend.action === 's3:PutObject' ? 'write' : backend.action === 's3:DeleteObject' ? 'delete' : 'read';
    const buckets = backend.resource ? [backend.resource.split('/')[0]!] : jewelsOf('bucket');
    return buckets.map((bucket) => ({ node: bucket, request: backend.resource ?? `${bucket}/*`, access }));
  }
  if (service === 'sagemaker') {
    const endpoints = backend.resource ? [facts.resources.find((r) => r.kind === 'endpoint' && r.arn.toLowerCase() === backend.resource)?.arn ?? backend.resource] : jewelsOf('endpoint');
    return endpoints.map((arn) => ({ node: arn, request: arn, access: 'invoke' }));
  }
  if (service === 'bedrock' && scope.modelAccounts.has(door.accountId)) {
    const model = backend.resource ?? `arn:${door.partition}:bedrock:${door.region}::foundation-model/*`;
    return [{ node: nodeIds.foundationModels(door.accountId), request: model, access: 'invoke' }];
  }
  return [];
}

/** Edges from every front door to what it passes requests to, and the external endpoints' nodes. */
export function frontDoorEdges(facts: Facts, rules: RuleSet, scope: FrontDoorScope, keys: ProvenanceKeys): { nodes: NodeSpec[]; edges: EdgeSet } {
  const edges = new EdgeSet(keys);
  const nodes: NodeSpec[] = [];
  const hop = (door: Resource, to: string, attrs: Omit<EdgeAttrs, 'conditional' | 'confidence' | 'residual'>, result: EvaluationResult | undefined, codeBounded: boolean) => {
    const conditional = result?.decision === 'conditional';
    edges.put(door.arn, to, {
      ...attrs,
      conditional,
      confidence: hopConfidence(rules.scoring, { conditional, codeBounded }),
      ...(conditional && result ? { residual: residualClauses(result) } : {}),
    });
  };
  for (const door of frontDoorsOf(facts)) {
    for (const backend of door.frontDoor!.backends) {
      if (backend.kind === 'function') {
        const fn = functionNode(facts, backend.arn);
        const result = fn && mayInvokeFunction(facts, door, fn, backend.credentials);
        if (!fn || !result || result.decision === 'denied') continue;
        hop(door, fn.arn, { kind: 'invoke', actions: ['lambda:InvokeFunction'], provenance: [backend.evidence, ...provenanceOf(result, 'lambda:InvokeFunction', fn.arn)], ...(backend.credentials ? { detail: { credentials: backend.credentials } } : {}) }, result, true);
      } else if (backend.kind === 'external') {
        const id = nodeIds.external(backend.endpoint);
        nodes.push([id, { kind: 'external-endpoint', label: backend.endpoint }]);
        hop(door, id, { kind: 'invoke', actions: [], provenance: [backend.evidence], ...(backend.via ? { detail: { via: backend.via } } : {}) }, undefined, false);
      } else {
        const role = backend.credentials ? facts.principalsByArn.get(backend.credentials) : undefined;
        if (!role) continue;
        for (const target of serviceTargets(facts, scope, door, backend)) {
          const jewel = scope.jewels.get(target.node);
          const resource = facts.resourcesByArn.get(target.node);
          if (!jewel?.impacts.has(target.access)) continue;
          const result = decide({ caller: role, action: backend.action, resource: target.request, resourceAccount: resource?.accountId ?? door.accountId, ...(resource?.policy ? { resourcePolicy: resource.policy } : {}) });
          if (result.decision === 'denied') continue;
          const kind = target.access === 'invoke' ? 'invoke' : 'data-access';
          hop(
            door,
            target.node,
            { kind, ...(kind === 'data-access' ? { access: target.access as DataAccess } : {}), actions: [backend.action], provenance: [backend.evidence, ...provenanceOf(result, backend.action, target.request)], detail: { credentials: role.arn } },
            result,
            false,
          );
        }
      }
    }
  }
  return { nodes, edges };
}
