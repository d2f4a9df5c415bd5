/**
 * Principals of the snapshot calling IAM-authorized front doors (front-door-call techniques):
 * the route's ARN, the resource policy's say in the same account and across accounts, HTTP
 * APIs without resource policies, the provenance naming statement, API, stage and route, and
 * the internal escalation chain principal -> route -> backend function -> its role -> jewel.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { buildGraph, type BuiltGraph } from '../../src/graph/index.js';
import { toSnapshot } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { testAccount } from '../support/snapshot-file.js';
import { apiBackedFunction, lambdaProxy } from '../support/api-gateway.js';
import { edgesOf } from './helpers.js';

const A = '111111111111';
const B = '222222222222';
const R = 'us-east-1';
const role = (name: string, account = A) => `arn:aws:iam::${account}:role/${name}`;
const fn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const route = (api: string, stage: string, verb: string, path: string) => `arn:aws:execute-api:${R}:${A}:${api}/${stage}/${verb}${path}`;
const SECRET = `arn:aws:secretsmanager:${R}:${A}:secret:prod/openai-key-AbCdEf`;
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string) => ({ Effect: 'Allow', Action, Resource });
const iamRole = (name: string, account: string, ...inline: unknown[]) => ({
  RoleName: name,
  Arn: role(name, account),
  Path: '/',
  AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
  RolePolicyList: inline.map((PolicyDocument, i) => ({ PolicyName: `${name}-${i}`, PolicyDocument })),
  AttachedManagedPolicies: [],
  InstanceProfileList: [],
});
/** A function running as `<name>-role`; API Gateway may invoke it for `apiId`. */
const lambda = (name: string, apiId: string) => apiBackedFunction(A, R, name, apiId);
const proxy = (name: string) => lambdaProxy(R, fn(name));
const restApi = (id: string, path: string, authorizationType: string, backend: string, policy?: unknown) => ({
  id,
  name: `${id}-api`,
  endpointConfiguration: { types: ['REGIONAL'] },
  ...(policy ? { policy: JSON.stringify(policy) } : {}),
  Resources: [{ id: 'r1', path, resourceMethods: { POST: { httpMethod: 'POST', authorizationType, methodIntegration: proxy(backend) } } }],
  Stages: [{ stageName: 'prod', deploymentId: 'd1' }],
});

const ADMIN_ROUTE = route('adminapi01', 'prod', 'POST', '/admin');
const OPEN_ROUTE = route('openapi001', 'prod', 'POST', '/chat');
const HTTP_ROUTE = route('httpapi001', '$default', 'POST', '/ask');

function built(whatIf: string[] = []): BuiltGraph {
  const snapshot = toSnapshot(
    {
      schemaVersion: 1,
      collectedAt: '2026-01-01T00:00:00Z',
      tool: { name: 'blastpath', version: '0.1.0' },
      accounts: [
        testAccount(A, {
          roles: [
            ...['admin', 'chat', 'ask'].map((name) => iamRole(`${name}-role`, A, doc(allow('secretsmanager:GetSecretValue', SECRET)))),
            iamRole('ops', A, doc(allow('execute-api:Invoke', `arn:aws:execute-api:${R}:${A}:adminapi01/prod/POST/admin`))),
            iamRole('dev-only', A, doc(allow('execute-api:Invoke', `arn:aws:execute-api:${R}:${A}:*/dev/*`))),
            iamRole('invoker', A, doc(allow('execute-api:Invoke', '*'))),
          ],
          regions: {
            [R]: {
              SecretsManager: { SecretList: [{ ARN: SECRET, Name: 'prod/openai-key' }] },
              Lambda: { Functions: [lambda('admin', 'adminapi01'), lambda('chat', 'openapi001'), lambda('ask', 'httpapi001')] },
              ApiGateway: {
                RestApis: [
                  // The partner account's caller is named; the API's own account stays free to use identity grants.
                  restApi('adminapi01', '/admin', 'AWS_IAM', 'admin', doc({ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: role('partner-caller', B) }, Action: 'execute-api:Invoke', Resource: 'execute-api:/prod/POST/admin' })),
                  restApi('openapi001', '/chat', 'NONE', 'chat'),
                ],
              },
              ApiGatewayV2: {
                Apis: [
                  {
                    ApiId: 'httpapi001',
                    Name: 'assistant',
                    ProtocolType: 'HTTP',
                    Routes: [{ RouteKey: 'POST /ask', AuthorizationType: 'AWS_IAM', Target: 'integrations/i1' }],
                    Integrations: [{ IntegrationId: 'i1', IntegrationType: 'AWS_PROXY', IntegrationUri: fn('ask') }],
                    Stages: [{ StageName: '$default', AutoDeploy: true }],
                  },
                ],
              },
            },
          },
        }),
        testAccount(B, {
          roles: [iamRole('partner-caller', B, doc(allow('execute-api:Invoke', '*'))), iamRole('stranger', B, doc(allow('execute-api:Invoke', '*')))],
        }),
      ],
    },
    'front-door-calls.json',
  );
  return buildGraph({ snapshot, credentials: [] }, loadRules(), whatIf.length ? { whatIf } : {});
}

/** Technique edges into front doors as `caller|route`. */
function calls(graph: BuiltGraph): string[] {
  return edgesOf(graph, 'invoke')
    .filter((e) => e.attrs.technique === 'apigateway-invoke-iam-route')
    .map((e) => `${e.from}|${e.to}`)
    .sort();
}

describe('front-door-call: principals inside the accounts calling IAM-authorized routes', () => {
  const graph = built();

  it('draws an edge where identity (same account) or identity and resource policy (across accounts) allow, never to a route without authorization', () => {
    expect(calls(graph)).toEqual(
      [
        `${role('invoker')}|${ADMIN_ROUTE}`,
        `${role('invoker')}|${HTTP_ROUTE}`,
        `${role('ops')}|${ADMIN_ROUTE}`,
        // Named by the REST API's resource policy; the HTTP API has none, so no cross-account call.
        `${role('partner-caller', B)}|${ADMIN_ROUTE}`,
      ].sort(),
    );
    expect(calls(graph).some((c) => c.includes(OPEN_ROUTE))).toBe(false);
  });

  it('names the deciding statements, the API, the stage and the route', () => {
    const partner = edgesOf(graph, 'invoke').find((e) => e.from === role('partner-caller', B) && e.to === ADMIN_ROUTE)!;
    expect(partner.attrs.detail).toMatchObject({ api: 'adminapi01-api', stage: 'prod', route: 'POST /admin', authorization: 'iam' });
    expect(partner.attrs.actions).toEqual(['execute-api:Invoke']);
    const records = partner.attrs.provenance.map((p) => `${p.policyKind}|${p.policy}|${p.field ?? p.sid ?? ''}`);
    expect(records).toEqual(
      expect.arrayContaining([
        `resource|arn:aws:apigateway:${R}::/restapis/adminapi01#resource-policy|Partner`,
        `configuration|arn:aws:apigateway:${R}::/restapis/adminapi01|Stages[prod].deploymentId`,
        `configuration|arn:aws:apigateway:${R}::/restapis/adminapi01|Resources[/admin].resourceMethods.POST.authorizationType`,
      ]),
    );
    expect(partner.attrs.conditional).toBe(false);
  });

  it('finds the internal escalation: principal -> route -> backend function -> its role -> the secret', () => {
    const findings = analyze(built([role('ops')]), loadRules(), { gaps: [] }).findings.filter((f) => f.entry.node === role('ops'));
    expect(findings.map((f) => [f.target.node, f.path.nodes.map((n) => n.id)])).toEqual([[SECRET, [role('ops'), ADMIN_ROUTE, fn('admin'), role('admin-role'), SECRET]]]);
  });
});
