/**
 * Credentials held in front-door configuration: API Gateway stage variables (REST and HTTP APIs),
 * literal integration request parameters, and App Runner runtime environment variables. Whoever may read that configuration
 * (apigateway:GET on the stage, apprunner:DescribeService) reaches the key's user or the
 * credential's own node; the stage that holds nothing, and the readers scoped elsewhere, do not.
 * Reports carry fingerprints only, never the values.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/pipeline.js';
import { fingerprint } from '../../src/snapshot/credentials.js';
import { testAccount, writeTestSnapshot } from '../support/snapshot-file.js';

const A = '111111111111';
const R = 'us-east-1';
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string, Resource: string) => ({ Effect: 'Allow', Action, Resource });
const roleDetail = (name: string, ...statements: object[]) => ({
  RoleName: name,
  Arn: role(name),
  Path: '/',
  AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
  RolePolicyList: statements.length ? [{ PolicyName: `${name}-policy`, PolicyDocument: doc(...statements) }] : [],
  AttachedManagedPolicies: [],
  InstanceProfileList: [],
});

/** Values planted in the configuration; none may appear in any report. */
const OPENAI = 'sk-proj-Qw3Er7Ty1Ui5Op9As2Df6Gh0Jk4Lz8Xc';
const HF = 'hf_Mn4Bv8Cx2Zl6Kj0Hg5Fd9Sa3Qw7Er1TyUiOpAs';
const ANTHROPIC = 'sk-ant-api03-Zx9Cv5Bn1Mq7Wr3Ty8Ui2Op6As0Df4Gh';
const UPSTREAM = 'ghp_Lm3Nb7Vc1Xz5Qa9Ws2Ed6Rf0Tg4Yh8Uj2Ik6Ol';
const REST_STAGE = `arn:aws:apigateway:${R}::/restapis/restapi001/stages/prod`;
const HTTP_STAGE = `arn:aws:apigateway:${R}::/apis/httpapi001/stages/$default`;
const HTTP_INTEGRATION = `arn:aws:apigateway:${R}::/apis/httpapi001/integrations/int001`;
const SERVICE = `arn:aws:apprunner:${R}:${A}:service/chat-web/8fe1e10304f84fd2b0df550fe98a71fa`;
const node = (value: string) => `credential:${fingerprint(value)}`;

function snapshot(): Array<Record<string, unknown>> {
  return [
    testAccount(A, {
      roles: [
        roleDetail('api-admin', allow('apigateway:GET', `arn:aws:apigateway:${R}::/restapis/*`), allow('apigateway:GET', `arn:aws:apigateway:${R}::/apis/*`)),
        roleDetail('dev-reader', allow('apigateway:GET', `arn:aws:apigateway:${R}::/restapis/*/stages/dev`), allow('apprunner:DescribeService', `arn:aws:apprunner:${R}:${A}:service/dev-*`)),
        roleDetail('runner-ops', allow('apprunner:DescribeService', `arn:aws:apprunner:${R}:${A}:service/*`)),
      ],
      regions: {
        [R]: {
          ApiGateway: {
            RestApis: [{ id: 'restapi001', name: 'chat', Stages: [{ stageName: 'prod', deploymentId: 'd1', variables: { OPENAI_API_KEY: OPENAI } }, { stageName: 'dev', deploymentId: 'd1' }] }],
          },
          ApiGatewayV2: {
            Apis: [
              {
                ApiId: 'httpapi001',
                Name: 'assistant',
                ProtocolType: 'HTTP',
                Stages: [{ StageName: '$default', AutoDeploy: true, StageVariables: { hfToken: HF } }],
                // A literal header the integration adds to every backend request; the other is a reference.
                Integrations: [{ IntegrationId: 'int001', IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://upstream.example.com', RequestParameters: { 'append:header.x-upstream-token': UPSTREAM, 'append:header.x-user': '$context.authorizer.claims.sub' } }],
              },
            ],
          },
          AppRunner: {
            Services: [
              {
                ServiceArn: SERVICE,
                ServiceName: 'chat-web',
                SourceConfiguration: { ImageRepository: { ImageIdentifier: 'public.ecr.aws/acme/chat:1', ImageRepositoryType: 'ECR_PUBLIC', ImageConfiguration: { RuntimeEnvironmentVariables: { ANTHROPIC_API_KEY: ANTHROPIC } } } },
              },
            ],
          },
        },
      },
    }),
  ];
}

describe('credentials in front-door configuration', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blastpath-frontdoor-creds-'));
    file = join(dir, 'snapshot.json');
    writeTestSnapshot(file, snapshot());
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('reaches each credential from whoever may read the stage or the service, and from nobody scoped elsewhere', async () => {
    const run = await runAnalysis({ inputs: [file], format: 'json', color: false, whatIf: [role('api-admin'), role('dev-reader'), role('runner-ops')] });
    const found = run.result.findings.map((f) => [f.path.nodes.map((n) => n.id), f.target.impact, f.path.edges.map((e) => e.technique ?? '')]).sort();
    expect(found).toEqual(
      [
        [[role('api-admin'), node(OPENAI)], 'C-OUTSIDE', ['apigateway-read-stage-variable-credential']],
        [[role('api-admin'), node(HF)], 'C-OUTSIDE', ['apigateway-read-stage-variable-credential']],
        [[role('api-admin'), node(UPSTREAM)], 'C-OUTSIDE', ['apigateway-read-integration-credential']],
        [[role('runner-ops'), node(ANTHROPIC)], 'C-OUTSIDE', ['apprunner-read-service-credential']],
      ].sort(),
    );
    // The hop names the holder and the variable: the stage (or service) ARN and its field.
    const hf = run.result.findings.find((f) => f.target.node === node(HF))!;
    expect(hf.path.edges[0]!.provenance.map((p) => [p.policy, p.field])).toContainEqual([HTTP_STAGE, 'StageVariables.hfToken']);
    const openai = run.result.findings.find((f) => f.target.node === node(OPENAI))!;
    expect(openai.path.edges[0]!.provenance.map((p) => [p.policy, p.field])).toContainEqual([REST_STAGE, 'variables.OPENAI_API_KEY']);
    const upstream = run.result.findings.find((f) => f.target.node === node(UPSTREAM))!;
    expect(upstream.path.edges[0]!.provenance.map((p) => [p.policy, p.field])).toContainEqual([HTTP_INTEGRATION, 'RequestParameters["append:header.x-upstream-token"]']);
  });

  it('never writes the values, in any format', async () => {
    for (const format of ['json', 'table', 'sarif', 'markdown'] as const) {
      const run = await runAnalysis({ inputs: [file], format, color: false, whatIf: [role('api-admin'), role('runner-ops')] });
      for (const planted of [OPENAI, HF, ANTHROPIC, UPSTREAM]) {
        expect(run.output, format).not.toContain(planted);
        expect(run.output, format).not.toContain(planted.slice(10));
      }
    }
    const json = (await runAnalysis({ inputs: [file], format: 'json', color: false, whatIf: [role('api-admin')] })).output;
    expect(json).toContain(fingerprint(OPENAI));
  });
});
