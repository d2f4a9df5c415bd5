/**
 * Hand-built analysis results for the report tests, shaped like what analysis produces for
 * three situations: a 4-hop internet → Lambda → role → PassRole → bucket path, a conditional
 * escalation to account admin, and an empty result whose gaps still have to show.
 */
import type { InputWarning } from '../../src/load/warnings.js';
import type { AnalysisResult, CoverageGap, PathEdge, PathNode } from '../../src/analyze/finding.js';
import type { Provenance } from '../../src/graph/schema.js';
import type { ReportMeta } from '../../src/report/index.js';

const A = '111122223333';
const B = '444455556666';

const arn = {
  fn: `arn:aws:lambda:us-east-1:${A}:function:acme-chat-api`,
  chatRole: `arn:aws:iam::${A}:role/acme-chat-exec`,
  pipelineRole: `arn:aws:iam::${A}:role/acme-ml-pipeline`,
  deployer: `arn:aws:iam::${A}:policy/acme-chat-deployer`,
  bucket: 'arn:aws:s3:::acme-training-data',
  secret: `arn:aws:secretsmanager:us-east-1:${A}:secret:prod/openai-api-key-Ab12Cd`,
  oidc: `arn:aws:iam::${B}:oidc-provider/token.actions.githubusercontent.com`,
  deployRole: `arn:aws:iam::${B}:role/github-deploy`,
  bot: `arn:aws:iam::${B}:user/ml-ops-bot`,
  ciUser: `arn:aws:iam::${B}:user/notebook-ci`,
  evalBucket: 'arn:aws:s3:::acme-eval-results',
  hfSecret: `arn:aws:secretsmanager:eu-west-1:${B}:secret:hf/token-Zz99Yy`,
};

function node(id: string, kind: PathNode['kind'], label: string, accountId?: string, flags?: string[]): PathNode {
  return { id, kind, label, ...(accountId ? { accountId } : {}), ...(flags ? { flags } : {}) };
}

function prov(fields: Omit<Provenance, 'conditionKeys'> & { conditionKeys?: string[] }): Provenance {
  return { conditionKeys: [], ...fields };
}

function edge(fields: Omit<PathEdge, 'conditional' | 'confidence' | 'actions'> & Partial<PathEdge>): PathEdge {
  return { actions: [], conditional: false, confidence: 1, ...fields };
}

const internet = node('internet', 'internet', 'internet');
const fn = { ...node(arn.fn, 'lambda-function', 'acme-chat-api', A), region: 'us-east-1' };
const chatRole = node(arn.chatRole, 'role', 'acme-chat-exec', A);

const publicUrl = edge({
  from: 'internet',
  to: arn.fn,
  kind: 'exposure',
  entryPoint: 'lambda-function-url-public',
  actions: ['lambda:InvokeFunctionUrl'],
  detail: { AuthType: 'NONE' },
  provenance: [
    prov({ policy: arn.fn, policyKind: 'configuration', field: 'FunctionUrlConfig.AuthType' }),
    prov({
      policy: `${arn.fn}#resource-policy`,
      policyKind: 'resource',
      statementIndex: 0,
      sid: 'FunctionURLAllowPublicAccess',
      statementHash: '5d1c0e7a9b3f2468',
      action: 'lambda:InvokeFunctionUrl',
      resource: arn.fn,
    }),
  ],
});

const runsAs = edge({
  from: arn.fn,
  to: arn.chatRole,
  kind: 'runs-as',
  provenance: [prov({ policy: arn.fn, policyKind: 'configuration', field: 'Role' })],
});

/** Scenario 1: the 4-hop path, a second finding through the same foothold, two gaps, a capped search. */
export function demoResult(): AnalysisResult {
  const stmt = (index: number, sid: string, action: string, resource: string) =>
    prov({ policy: arn.deployer, policyKind: 'identity', statementIndex: index, sid, statementHash: `a1b2c3d4e5f6071${index}`, action, resource });
  const passRole = edge({
    from: arn.chatRole,
    to: arn.pipelineRole,
    kind: 'escalation',
    technique: 'iam-passrole-lambda',
    actions: ['lambda:InvokeFunction', 'iam:PassRole', 'lambda:CreateFunction'],
    confidence: 0.9,
    detail: { service: 'lambda.amazonaws.com' },
    provenance: [
      stmt(1, 'PassPipelineRole', 'iam:PassRole', arn.pipelineRole),
      stmt(0, 'DeployFunctions', 'lambda:CreateFunction', `arn:aws:lambda:us-east-1:${A}:function:*`),
      stmt(0, 'DeployFunctions', 'lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${A}:function:*`),
      prov({ policy: `${arn.pipelineRole}#trust-policy`, policyKind: 'trust', statementIndex: 0, action: 'sts:AssumeRole', resource: arn.pipelineRole }),
    ],
  });
  const read = edge({
    from: arn.pipelineRole,
    to: arn.bucket,
    kind: 'data-access',
    access: 'read',
    actions: ['s3:GetObject'],
    provenance: [
      prov({ policy: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', policyKind: 'identity', statementIndex: 0, action: 's3:GetObject', resource: `${arn.bucket}/*` }),
    ],
  });
  const readSecret = edge({
    from: arn.chatRole,
    to: arn.secret,
    kind: 'data-access',
    access: 'read',
    actions: ['secretsmanager:GetSecretValue'],
    provenance: [
      prov({ policy: `${arn.chatRole}#inline/ReadApiKeys`, policyKind: 'identity', statementIndex: 0, sid: 'ReadKeys', action: 'secretsmanager:GetSecretValue', resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:prod/*` }),
    ],
  });
  const gaps: CoverageGap[] = [
    {
      accountId: A,
      region: 'us-east-1',
      service: 's3',
      operation: 'GetBucketPolicy',
      resource: 'arn:aws:s3:::acme-model-artifacts',
      outcome: 'denied',
      message: `User: arn:aws:sts::${A}:assumed-role/blastpath-reader/cli is not authorized to perform: s3:GetBucketPolicy because no identity-based policy allows the s3:GetBucketPolicy action`,
    },
    {
      accountId: A,
      region: 'eu-west-1',
      service: 'sagemaker',
      operation: 'DescribeModelPackage',
      // Longer than a table row: must wrap without losing a character.
      resource: `arn:aws:sagemaker:eu-west-1:${A}:model-package/acme-fraud-detection-production-candidates-2025/17`,
      outcome: 'throttled',
    },
  ];
  return {
    findings: [
      {
        id: 'bp-0c9e4b2a71d35f86',
        severity: 'high',
        score: 74.69,
        factors: { impact: 70, exposure: 1, confidence: 1, depth: 0.97, blastRadius: 1.1, reachableCrownJewels: 2 },
        entry: { node: 'internet', label: 'internet', kind: 'internet', entryPoint: 'lambda-function-url-public', title: 'Lambda function URL without authentication', exposure: 'anonymous-internet' },
        target: { node: arn.secret, label: 'prod/openai-api-key', kind: 'secret', impact: 'C-SECRET-READ', title: 'Read a third-party API secret', sensitivity: ['secret-name-api-key'], ownerTags: { team: 'applied-ml', Owner: 'jlee' } },
        path: { nodes: [internet, fn, chatRole, { ...node(arn.secret, 'secret', 'prod/openai-api-key', A), region: 'us-east-1' }], edges: [publicUrl, runsAs, readSecret] },
        techniques: [],
        alternatives: 0,
        alternativesCapped: false,
        residualConditions: [],
      },
      {
        id: 'bp-7f3a9c0e5b8d2146',
        severity: 'critical',
        score: 93.1491,
        factors: { impact: 100, exposure: 1, confidence: 0.9, depth: 0.9409, blastRadius: 1.1, reachableCrownJewels: 2 },
        entry: { node: 'internet', label: 'internet', kind: 'internet', entryPoint: 'lambda-function-url-public', title: 'Lambda function URL without authentication', exposure: 'anonymous-internet' },
        target: { node: arn.bucket, label: 'acme-training-data', kind: 'bucket', impact: 'C-DATA-EXFIL', title: 'Exfiltrate training data', sensitivity: ['training-data-tag', 'sagemaker-training-input'] },
        path: {
          nodes: [internet, fn, chatRole, node(arn.pipelineRole, 'role', 'acme-ml-pipeline', A), node(arn.bucket, 'bucket', 'acme-training-data', A)],
          edges: [publicUrl, runsAs, passRole, read],
        },
        techniques: ['iam-passrole-lambda'],
        alternatives: 5,
        alternativesCapped: true,
        residualConditions: [],
      },
    ],
    gaps,
    limits: { maxDepth: 8, alternativesCap: 5, alternativesCapped: 1 },
    stats: { nodes: 57, edges: 143, entries: 2, crownJewels: 2 },
  };
}

/** Scenario 2: an OIDC trust without `sub` leading, under an open condition, to account admin; two findings tied on score. */
export function conditionalResult(): AnalysisResult {
  const oidc = node(arn.oidc, 'oidc-provider', 'token.actions.githubusercontent.com', B);
  const deployRole = node(arn.deployRole, 'role', 'github-deploy', B);
  const bot = node(arn.bot, 'user', 'ml-ops-bot', B);
  const admin = node(`admin:${B}`, 'account-admin', `admin:${B}`, B);
  const ciUser = node(arn.ciUser, 'user', 'notebook-ci', B, ['console-access', 'access-key-unused-90d']);
  const leakedKey = edge({
    from: 'internet',
    to: arn.ciUser,
    kind: 'exposure',
    entryPoint: 'iam-user-access-key',
    // Access keys were not collected: the entry is assumed and no statement or field proves it.
    detail: { reason: 'access-keys-not-collected' },
    provenance: [],
  });
  const ciPolicy = (action: string, resource: string) =>
    prov({ policy: `${arn.ciUser}#inline/ci-data`, policyKind: 'identity', statementIndex: 0, sid: 'CiData', action, resource });
  const leaked = { node: 'internet', label: 'internet', kind: 'internet' as const, entryPoint: 'iam-user-access-key', title: 'Active access key of an IAM user', exposure: 'leaked-credential', assumed: true, ownerTags: { owner: 'ml-ops' } };
  return {
    findings: [
      {
        id: 'bp-e41d07c3b95a2f68',
        severity: 'medium',
        score: 42.5,
        factors: { impact: 50, exposure: 0.85, confidence: 1, depth: 1, blastRadius: 1, reachableCrownJewels: 1 },
        entry: leaked,
        target: { node: arn.hfSecret, label: 'hf/token', kind: 'secret', impact: 'C-SECRET-READ', title: 'Read a third-party API secret', sensitivity: ['secret-name-token'] },
        path: {
          nodes: [internet, ciUser, node(arn.hfSecret, 'secret', 'hf/token', B)],
          edges: [leakedKey, edge({ from: arn.ciUser, to: arn.hfSecret, kind: 'data-access', access: 'read', actions: ['secretsmanager:GetSecretValue'], provenance: [ciPolicy('secretsmanager:GetSecretValue', arn.hfSecret)] })],
        },
        techniques: [],
        alternatives: 1,
        alternativesCapped: false,
        residualConditions: [],
      },
      {
        id: 'bp-2b6f18d0ac47e935',
        severity: 'medium',
        score: 42.5,
        factors: { impact: 50, exposure: 0.85, confidence: 1, depth: 1, blastRadius: 1, reachableCrownJewels: 1 },
        entry: leaked,
        target: { node: arn.evalBucket, label: 'acme-eval-results', kind: 'bucket', impact: 'C-DATA-TAMPER', title: 'Tamper with evaluation data', sensitivity: ['eval-data-tag'] },
        path: {
          nodes: [internet, ciUser, node(arn.evalBucket, 'bucket', 'acme-eval-results', B)],
          edges: [leakedKey, edge({ from: arn.ciUser, to: arn.evalBucket, kind: 'data-access', access: 'write', actions: ['s3:PutObject'], provenance: [ciPolicy('s3:PutObject', `${arn.evalBucket}/*`)] })],
        },
        techniques: [],
        alternatives: 0,
        alternativesCapped: false,
        residualConditions: [],
      },
      {
        id: 'bp-9a5c3e1f0d7b4826',
        severity: 'high',
        score: 63.05,
        factors: { impact: 100, exposure: 0.9, confidence: 0.7, depth: 0.97, blastRadius: 1.032, reachableCrownJewels: 1 },
        entry: { node: arn.oidc, label: oidc.label, kind: 'oidc-provider', entryPoint: 'oidc-trust-without-subject', title: 'OIDC trust without a subject condition', exposure: 'internet-self-signup' },
        target: { node: admin.id, label: admin.label, kind: 'account-admin', impact: 'C-ACCOUNT-ADMIN', title: 'Full control of the account', sensitivity: [] },
        path: {
          nodes: [oidc, deployRole, bot, admin],
          edges: [
            edge({
              from: arn.oidc,
              to: arn.deployRole,
              kind: 'exposure',
              entryPoint: 'oidc-trust-without-subject',
              actions: ['sts:AssumeRoleWithWebIdentity'],
              confidence: 0.9,
              detail: { audience: 'sts.amazonaws.com' },
              provenance: [prov({ policy: `${arn.deployRole}#trust-policy`, policyKind: 'trust', statementIndex: 0, sid: 'GitHubActions', action: 'sts:AssumeRoleWithWebIdentity', resource: arn.deployRole })],
            }),
            edge({
              from: arn.deployRole,
              to: arn.bot,
              kind: 'escalation',
              technique: 'iam-create-access-key',
              actions: ['iam:CreateAccessKey'],
              conditional: true,
              confidence: 0.7,
              residual: ['StringEquals aws:ResourceTag/team ml-platform'],
              provenance: [
                prov({
                  policy: `${arn.deployRole}#inline/ManageBots`,
                  policyKind: 'identity',
                  statementIndex: 2,
                  sid: 'RotateBotKeys',
                  statementHash: 'f00dfeed12345678',
                  action: 'iam:CreateAccessKey',
                  resource: `arn:aws:iam::${B}:user/*`,
                  conditionKeys: ['aws:resourcetag/team'],
                }),
              ],
            }),
            edge({
              from: arn.bot,
              to: admin.id,
              kind: 'admin-equivalent',
              actions: ['*'],
              provenance: [prov({ policy: 'arn:aws:iam::aws:policy/AdministratorAccess', policyKind: 'identity', statementIndex: 0, action: '*', resource: '*' })],
            }),
          ],
        },
        techniques: ['iam-create-access-key'],
        alternatives: 2,
        alternativesCapped: false,
        residualConditions: ['aws:resourcetag/team'],
      },
    ],
    gaps: [],
    limits: { maxDepth: 8, alternativesCap: 5, alternativesCapped: 0 },
    stats: { nodes: 31, edges: 88, entries: 2, crownJewels: 3 },
  };
}

/** Scenario 3: nothing found, but parts of the account were not visible. */
export function emptyResult(): AnalysisResult {
  return {
    findings: [],
    gaps: [
      { accountId: A, region: 'us-east-1', service: 'lambda', operation: 'GetPolicy', resource: arn.fn, outcome: 'failed', message: 'ResourceNotFoundException' },
      { accountId: A, service: 'iam', operation: 'GetAccountAuthorizationDetails', outcome: 'denied', message: 'explicit deny in a service control policy' },
      { accountId: A, region: 'us-east-1', service: 'sagemaker', operation: 'ListNotebookInstances', outcome: 'failed', message: 'no response after 3 retries' },
    ],
    limits: { maxDepth: 8, alternativesCap: 5, alternativesCapped: 0 },
    stats: { nodes: 12, edges: 20, entries: 1, crownJewels: 3 },
  };
}

/** Metadata for a scenario: the accounts its nodes live in, a fixed collection time. */
export function metaFor(result: AnalysisResult, rulesVersion?: string): ReportMeta {
  const accounts = new Set<string>(result.gaps.map((g) => g.accountId));
  for (const f of result.findings) for (const n of f.path.nodes) if (n.accountId) accounts.add(n.accountId);
  return {
    toolVersion: '0.1.0',
    snapshot: { collectedAt: '2025-01-15T10:00:00Z', accounts: [...accounts], sources: ['fixtures/demo/snapshot.json'] },
    ...(rulesVersion ? { rulesVersion } : {}),
  };
}

/** Input warnings of the empty scenario: every format lists them with file and JSON path. */
const EMPTY_WARNINGS: InputWarning[] = [
  { kind: 'duplicate-key', file: 'fixtures/demo/snapshot.json', path: 'accounts[0].iam.AuthorizationDetails.RoleDetailList[2]', message: 'key "RoleName" appears more than once in this object; the last one is used' },
  { kind: 'unknown-action', file: 'fixtures/demo/snapshot.json', path: 'accounts[0].iam.AuthorizationDetails.RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[1].Action[0]', message: 's3:GetObjekt: no such action in the action catalog; no request blastpath evaluates matches it' },
];

/** The scenarios every format is golden-tested on. */
export const SCENARIOS = {
  demo: () => ({ result: demoResult(), meta: metaFor(demoResult(), '2025.01.0') }),
  conditional: () => ({ result: conditionalResult(), meta: metaFor(conditionalResult()) }),
  empty: () => ({ result: emptyResult(), meta: { ...metaFor(emptyResult()), inputWarnings: EMPTY_WARNINGS } }),
} as const;
export type ScenarioName = keyof typeof SCENARIOS;
