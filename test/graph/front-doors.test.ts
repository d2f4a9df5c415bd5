/**
 * Front doors end to end: API Gateway routes of deployed stages, AgentCore gateways and Cognito
 * identity pools become entries whose paths reach crown jewels through the integration's
 * function and its role; resource policies decide where the caller must stand; services an
 * integration calls are reached only through the one action it performs; guests of the
 * enhanced flow act under Cognito's session policies.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { buildGraph, nodeIds, type BuiltGraph } from '../../src/graph/index.js';
import { toSnapshot } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { apiBackedFunction, lambdaProxy } from '../support/api-gateway.js';
import { testAccount, testSnapshot } from '../support/snapshot-file.js';
import { edgesOf } from './helpers.js';

const A = '111111111111';
const R = 'us-east-1';
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const fn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const route = (api: string, stage: string, verb: string, path: string) => `arn:aws:execute-api:${R}:${A}:${api}/${stage}/${verb}${path}`;
const SECRET = `arn:aws:secretsmanager:${R}:${A}:secret:prod/openai-key-AbCdEf`;
const BUCKET = 'arn:aws:s3:::acme-customer-exports';
const POOL = `${R}:6d0e1a52-0000-4000-8000-00000000f00d`;
const USER_POOL = `${R}_AbCdEf123`;
const USER_POOL_ARN = `arn:aws:cognito-idp:${R}:${A}:userpool/${USER_POOL}`;
const GATEWAY = `arn:aws:bedrock-agentcore:${R}:${A}:gateway/tools-gw-1a2b3c`;
const JWT_GATEWAY = `arn:aws:bedrock-agentcore:${R}:${A}:gateway/partner-gw-4d5e6f`;
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string) => ({ Effect: 'Allow', Action, Resource });
const trustService = (Service: string) => doc({ Effect: 'Allow', Principal: { Service }, Action: 'sts:AssumeRole' });
const cognitoTrust = (amr: string) =>
  doc({
    Effect: 'Allow',
    Principal: { Federated: 'cognito-identity.amazonaws.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr } },
  });
const iamRole = (name: string, trust: unknown, ...inline: unknown[]) => ({
  RoleName: name,
  Arn: role(name),
  Path: '/',
  AssumeRolePolicyDocument: trust,
  RolePolicyList: inline.map((PolicyDocument, i) => ({ PolicyName: `${name}-${i}`, PolicyDocument })),
  AttachedManagedPolicies: [],
  InstanceProfileList: [],
});
/** A function running as `<name>-role`; API Gateway may invoke it for `apiId` when given. */
const lambda = (name: string, apiId?: string) => apiBackedFunction(A, R, name, apiId);
const proxy = (name: string) => lambdaProxy(R, fn(name));
/** A REST API with one POST method per path; stages deployed unless said otherwise. */
function restApi(id: string, methods: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: id,
    endpointConfiguration: { types: ['REGIONAL'] },
    Resources: Object.entries(methods).map(([path, method], i) => ({ id: `r${i}`, path, resourceMethods: { POST: { httpMethod: 'POST', ...method } } })),
    Stages: [{ stageName: 'prod', deploymentId: 'd1' }],
    ...extra,
  };
}
const policyOf = (...statements: unknown[]) => JSON.stringify(doc(...statements));
const invokeAll = (id: string, Condition?: unknown) => ({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `arn:aws:execute-api:${R}:${A}:${id}/*`, ...(Condition ? { Condition } : {}) });

function built(options: { classicFlow?: boolean } = {}): BuiltGraph {
  const snapshot = toSnapshot(
    testSnapshot(
      [
        testAccount(A, {
          roles: [
            ...['chat', 'internal', 'office', 'draft', 'ask', 'tool'].map((name) => iamRole(`${name}-role`, trustService('lambda.amazonaws.com'), doc(allow('secretsmanager:GetSecretValue', SECRET)))),
            iamRole('exports-proxy', trustService('apigateway.amazonaws.com'), doc(allow('s3:GetObject', `${BUCKET}/*`))),
            iamRole('gateway-role', trustService('bedrock-agentcore.amazonaws.com'), doc(allow('lambda:InvokeFunction', fn('tool')))),
            iamRole('guest-role', cognitoTrust('unauthenticated'), doc(allow(['secretsmanager:GetSecretValue', 's3:GetObject'], '*'))),
            // Trusts the pool's guests without being the pool's guest role: only the basic flow reaches it.
            iamRole('spare-guest-role', cognitoTrust('unauthenticated'), doc(allow('secretsmanager:GetSecretValue', SECRET))),
            iamRole('member-role', cognitoTrust('authenticated'), doc(allow('secretsmanager:GetSecretValue', SECRET))),
          ],
          s3: { Buckets: [{ Name: 'acme-customer-exports', Tagging: { TagSet: [{ Key: 'data-classification', Value: 'pii' }] } }] },
          regions: {
            [R]: {
              SecretsManager: { SecretList: [{ ARN: SECRET, Name: 'prod/openai-key' }] },
              Lambda: { Functions: [lambda('chat', 'chatapi01'), lambda('internal', 'privapi01'), lambda('office', 'officeapi1'), lambda('draft', 'draftapi01'), lambda('ask', 'httpapi01'), lambda('tool')] },
              ApiGateway: {
                RestApis: [
                  restApi('chatapi01', { '/chat': { authorizationType: 'NONE', methodIntegration: proxy('chat') } }),
                  restApi(
                    'privapi01',
                    { '/ask': { authorizationType: 'NONE', methodIntegration: proxy('internal') } },
                    { endpointConfiguration: { types: ['PRIVATE'] }, policy: policyOf(invokeAll('privapi01', { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60001' } })) },
                  ),
                  restApi('officeapi1', { '/ask': { authorizationType: 'NONE', methodIntegration: proxy('office') } }, { policy: policyOf(invokeAll('officeapi1', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })) }),
                  restApi('draftapi01', { '/ask': { authorizationType: 'NONE', methodIntegration: proxy('draft') } }, { Stages: [{ stageName: 'dev' }] }),
                  restApi('exportsapi', {
                    '/{key}': {
                      authorizationType: 'NONE',
                      methodIntegration: { type: 'AWS', httpMethod: 'GET', uri: `arn:aws:apigateway:${R}:s3:path/acme-customer-exports/{key}`, credentials: role('exports-proxy') },
                    },
                  }),
                ],
              },
              ApiGatewayV2: {
                Apis: [
                  {
                    ApiId: 'httpapi01',
                    Name: 'assistant',
                    ProtocolType: 'HTTP',
                    Routes: [{ RouteKey: 'POST /ask', AuthorizationType: 'JWT', AuthorizerId: 'jwt1', Target: 'integrations/i1' }],
                    Integrations: [{ IntegrationId: 'i1', IntegrationType: 'AWS_PROXY', IntegrationUri: fn('ask') }],
                    Authorizers: [{ AuthorizerId: 'jwt1', Name: 'members', AuthorizerType: 'JWT', JwtConfiguration: { Issuer: `https://cognito-idp.${R}.amazonaws.com/${USER_POOL}`, Audience: ['client0001'] } }],
                    Stages: [{ StageName: '$default', AutoDeploy: true }],
                  },
                ],
              },
              BedrockAgentCore: {
                AgentRuntimes: [],
                Gateways: [
                  { gatewayArn: GATEWAY, name: 'tools-gw', authorizerType: 'NONE', roleArn: role('gateway-role'), Targets: [{ targetId: 't1', targetConfiguration: { mcp: { lambda: { lambdaArn: fn('tool') } } } }] },
                  {
                    gatewayArn: JWT_GATEWAY,
                    name: 'partner-gw',
                    authorizerType: 'CUSTOM_JWT',
                    authorizerConfiguration: { customJWTAuthorizer: { discoveryUrl: 'https://login.partner.example/.well-known/openid-configuration' } },
                    Targets: [{ targetId: 't2', targetConfiguration: { mcp: { mcpServer: { endpoint: 'https://mcp.partner.example/v1?token=abc' } } } }],
                  },
                ],
              },
              CognitoUserPools: { UserPools: [{ Id: USER_POOL, Arn: USER_POOL_ARN, Name: 'members', AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } }] },
              CognitoIdentity: {
                IdentityPools: [
                  {
                    IdentityPoolId: POOL,
                    IdentityPoolName: 'web-app',
                    AllowUnauthenticatedIdentities: true,
                    AllowClassicFlow: options.classicFlow ?? false,
                    // Users of `members` (anyone may sign up) get no configured role: only the basic flow hands them one.
                    CognitoIdentityProviders: [{ ProviderName: `cognito-idp.${R}.amazonaws.com/${USER_POOL}`, ClientId: 'client0001' }],
                    IdentityPoolRoles: { Roles: { unauthenticated: role('guest-role') } },
                  },
                ],
              },
            },
          },
        }),
      ],
      '2026-01-01T00:00:00Z',
    ),
    'front-doors.json',
  );
  return buildGraph({ snapshot, credentials: [] }, loadRules());
}

const rules = loadRules();
/** Entry hops as `entry point|from|to|exposure class`. */
function entryHops(graph: BuiltGraph): string[] {
  return edgesOf(graph, 'exposure')
    .filter((e) => e.attrs.entryPoint?.startsWith('front-door'))
    .map((e) => `${e.attrs.entryPoint}|${e.from}|${e.to}|${e.attrs.exposure ?? '-'}`)
    .sort();
}

describe('front doors', () => {
  const graph = built();

  it('classes each route and gateway by where its caller must stand, and skips undeployed stages', () => {
    expect(entryHops(graph)).toEqual(
      [
        `front-door-authorizer|users:${USER_POOL_ARN}|${route('httpapi01', '$default', 'POST', '/ask')}|internet-self-signup`,
        `front-door-authorizer|users:https://login.partner.example|${JWT_GATEWAY}|-`,
        `front-door-open|${nodeIds.internet}|${GATEWAY}|-`,
        `front-door-open|${nodeIds.internet}|${route('chatapi01', 'prod', 'POST', '/chat')}|-`,
        `front-door-open|${nodeIds.internet}|${route('exportsapi', 'prod', 'POST', '/{key}')}|-`,
        `front-door-open|${nodeIds.network(`arn:aws:execute-api:${R}:${A}:officeapi1`)}|${route('officeapi1', 'prod', 'POST', '/ask')}|network-adjacent`,
        `front-door-open|${nodeIds.network(`arn:aws:execute-api:${R}:${A}:privapi01`)}|${route('privapi01', 'prod', 'POST', '/ask')}|network-adjacent`,
      ].sort(),
    );
    expect(graph.graph.filterNodes((_, a) => a.kind === 'api-route' && a.label.startsWith('draftapi01'))).toEqual([]);
  });

  it('draws where each front door passes requests: the function API Gateway may invoke, the service action of its credentials role, a backend outside AWS', () => {
    const invokes = edgesOf(graph, 'invoke')
      .filter((e) => ['api-route', 'agent-gateway'].includes(graph.graph.getNodeAttribute(e.from, 'kind')))
      .map((e) => `${e.from}|${e.to}`);
    expect(invokes).toEqual(
      expect.arrayContaining([`${route('chatapi01', 'prod', 'POST', '/chat')}|${fn('chat')}`, `${GATEWAY}|${fn('tool')}`, `${JWT_GATEWAY}|${nodeIds.external('https://mcp.partner.example/v1')}`]),
    );
    const reads = edgesOf(graph, 'data-access').filter((e) => e.from === route('exportsapi', 'prod', 'POST', '/{key}'));
    expect(reads.map((e) => [e.to, e.attrs.access, e.attrs.actions, e.attrs.detail?.['credentials']])).toEqual([[BUCKET, 'read', ['s3:GetObject'], role('exports-proxy')]]);
  });

  it('finds the chains from the internet through the route, the function and its role to the secret', () => {
    const findings = analyze(graph, rules, { gaps: [] }).findings;
    const toSecret = findings.filter((f) => f.target.node === SECRET).map((f) => [f.entry.entryPoint, f.path.nodes[1]!.id, f.entry.exposure].join('|')).sort();
    expect(toSecret).toEqual(
      [
        ['front-door-open', route('chatapi01', 'prod', 'POST', '/chat'), 'anonymous-internet'],
        ['front-door-authorizer', route('httpapi01', '$default', 'POST', '/ask'), 'internet-self-signup'],
        ['front-door-open', route('privapi01', 'prod', 'POST', '/ask'), 'network-adjacent'],
        ['front-door-open', route('officeapi1', 'prod', 'POST', '/ask'), 'network-adjacent'],
      ]
        .map((t) => t.join('|'))
        .sort(),
    );
    // One finding per entry and target: the open gateway's chain (tool function, its role) is the internet's alternative.
    const internet = findings.find((f) => f.target.node === SECRET && f.entry.node === nodeIds.internet)!;
    expect(internet.path.nodes.map((n) => n.id)).toEqual([nodeIds.internet, route('chatapi01', 'prod', 'POST', '/chat'), fn('chat'), role('chat-role'), SECRET]);
    expect(internet.alternatives).toBeGreaterThanOrEqual(1);
    const exports = findings.find((f) => f.target.node === BUCKET && f.entry.entryPoint === 'front-door-open');
    expect(exports?.path.nodes.map((n) => n.id)).toEqual([nodeIds.internet, route('exportsapi', 'prod', 'POST', '/{key}'), BUCKET]);
  });

  it('limits an enhanced-flow guest by Cognito\'s session policies: S3 yes, Secrets Manager no', () => {
    const guest = `arn:aws:sts::${A}:assumed-role/guest-role/CognitoIdentityCredentials`;
    const hop = edgesOf(graph, 'can-assume').find((e) => e.attrs.entryPoint === 'cognito-guest-access');
    expect([hop?.from, hop?.to]).toEqual([nodeIds.internet, guest]);
    const findings = analyze(graph, rules, { gaps: [] }).findings.filter((f) => f.entry.entryPoint === 'cognito-guest-access');
    expect(findings.map((f) => f.target.node)).toEqual([BUCKET]);
  });

  it('hands a basic-flow guest the role itself, secret included, and every other role trusting the pool\'s guests', () => {
    const classic = built({ classicFlow: true });
    const guestHops = (g: BuiltGraph) => edgesOf(g, 'can-assume').filter((e) => e.attrs.entryPoint === 'cognito-guest-access').map((e) => `${e.from}|${e.to}|${e.attrs.detail?.['roleChoice'] ?? 'configured'}`).sort();
    // Enhanced flow: the configured role's session only; basic flow: any role the guest token satisfies (not the authenticated users' role).
    expect(guestHops(graph)).toEqual([`${nodeIds.internet}|arn:aws:sts::${A}:assumed-role/guest-role/CognitoIdentityCredentials|configured`]);
    expect(guestHops(classic)).toEqual([`${nodeIds.internet}|${role('guest-role')}|configured`, `${nodeIds.internet}|${role('spare-guest-role')}|guest-chosen`].sort());
    // Self-registered users likewise pick any role trusting the pool's authenticated tokens, in the basic flow only.
    const memberHops = (g: BuiltGraph) => edgesOf(g, 'can-assume').filter((e) => e.attrs.entryPoint === 'cognito-self-signup').map((e) => `${e.from}|${e.to}|${e.attrs.detail?.['roleChoice'] ?? 'configured'}`);
    expect(memberHops(graph)).toEqual([]);
    expect(memberHops(classic)).toEqual([`${nodeIds.users(USER_POOL_ARN)}|${role('member-role')}|user-chosen`]);
    const findings = analyze(classic, rules, { gaps: [] }).findings.filter((f) => f.entry.entryPoint === 'cognito-guest-access');
    expect(findings.map((f) => f.target.node).sort()).toEqual([BUCKET, SECRET].sort());
    expect(findings.every((f) => [role('guest-role'), role('spare-guest-role')].includes(f.path.nodes[1]!.id))).toBe(true);
  });
});
