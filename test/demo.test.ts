/**
 * The bundled demo (fixtures/demo/README.md): exactly the documented chains are found, no
 * decoy appears on any path, and the output is byte-identical across runs.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze/index.js';
import { buildGraph } from '../src/graph/index.js';
import { loadInputs } from '../src/load/index.js';
import { analyzeLoaded, runAnalysis } from '../src/pipeline.js';
import { loadRules } from '../src/rules/index.js';

const ML = '111111111111';
const DP = '222222222222';
const iam = (account: string, path: string) => `arn:aws:iam::${account}:${path}`;
const OIDC = iam(ML, 'oidc-provider/token.actions.githubusercontent.com');
const SECRET = `arn:aws:secretsmanager:us-east-1:${ML}:secret:prod/openai/api-key-60yzCL`;
const MODEL_V3 = `arn:aws:sagemaker:us-east-1:${ML}:model/fraud-scorer-v3`;
const ENDPOINT = `arn:aws:sagemaker:us-east-1:${ML}:endpoint/fraud-detector-prod`;
const FEATURE_STORE_SECRET = `arn:aws:secretsmanager:us-east-1:${ML}:secret:prod/feature-store/postgres-fhMMO6`;
const BEDROCK = `bedrock:${ML}`;
const MODEL_PROMOTE = `arn:aws:lambda:us-east-1:${ML}:function:acme-model-promote`;
/** The Hugging Face token's node: its fingerprint, never its value. */
const HF_TOKEN = 'credential:sha256:f02908e29187';
/** The fake token generate.mjs plants (fixtures/demo/README.md, C10): no output may contain it. */
const HF_TOKEN_VALUE = 'hf_Qm7VxK2pLr9TnB4wZc8HsYd3JfG6aEu1Ni';

/** [chain, entry, entry point, target, impact], from fixtures/demo/README.md "Expected findings". */
const EXPECTED: Array<[string, string, string, string, string]> = [
  ['C1', 'internet', 'lambda-function-url-public', 'arn:aws:s3:::acme-training-data-pii', 'C-DATA'],
  ['C1b', 'internet', 'lambda-function-url-public', 'arn:aws:s3:::acme-model-artifacts', 'C-POISON-MODEL'],
  ['C2', OIDC, 'oidc-trust-without-subject', SECRET, 'C-SECRETS'],
  ['C3', iam(ML, 'user/ci-legacy'), 'iam-user-access-key', `admin:${ML}`, 'C-ADMIN'],
  ['C4', iam(ML, 'user/data-sync-bot'), 'iam-user-access-key', 'arn:aws:s3:::acme-customer-features', 'C-DATA'],
  ['C4m', MODEL_V3, 'credential-in-configuration', 'arn:aws:s3:::acme-customer-features', 'C-DATA'],
  ['C5', iam('999999999999', 'root'), 'role-trusts-external-account', `admin:${ML}`, 'C-ADMIN'],
  ['C6', 'internet', 'lambda-function-url-public', ENDPOINT, 'C-MODEL-INVOKE'],
  ['C7', 'anonymous', 'resource-policy-public', 'arn:aws:s3:::acme-model-artifacts-public', 'C-MODEL-THEFT'],
  ['X1', iam(ML, 'user/data-sync-bot'), 'iam-user-access-key', 'arn:aws:s3:::acme-public-datasets', 'C-DATA'],
  ['X1m', MODEL_V3, 'credential-in-configuration', 'arn:aws:s3:::acme-public-datasets', 'C-DATA'],
  ['X2', iam(DP, 'user/dp-tableau-reader'), 'iam-user-access-key', 'arn:aws:s3:::acme-public-datasets', 'C-DATA'],
  ['C8', 'internet', 'lambda-function-url-public', FEATURE_STORE_SECRET, 'C-SECRETS'],
  ['C8b', 'internet', 'lambda-function-url-public', 'arn:aws:s3:::acme-recsys-models', 'C-POISON-MODEL'],
  ['C9', iam(ML, 'user/data-sync-bot'), 'iam-user-access-key', BEDROCK, 'C-LLMJACK'],
  ['C9m', MODEL_V3, 'credential-in-configuration', BEDROCK, 'C-LLMJACK'],
  // Issue 15, class 10: a grant on one model is LLMjacking too (was decoy D16).
  ['C1c', 'internet', 'lambda-function-url-public', BEDROCK, 'C-LLMJACK'],
  // Issue 16: a Hugging Face token in acme-model-promote's environment, reached by whoever redeploys the
  // function (C2's GitHub entry) and by whoever reads its configuration (the function as entry).
  ['C10', OIDC, 'oidc-trust-without-subject', HF_TOKEN, 'C-OUTSIDE'],
  ['C10f', MODEL_PROMOTE, 'credential-in-configuration', HF_TOKEN, 'C-OUTSIDE'],
];

/** Runtime identities (README "Runtime identities", issue 14): EKS, EC2 and ECS chains of account 111. */
const EKS_CLUSTER = `arn:aws:eks:us-east-1:${ML}:cluster/acme-inference`;
const EMBEDDINGS_TASK = `arn:aws:ecs:us-east-1:${ML}:task-definition/embeddings-sync:4`;
const RUNTIME_EXPECTED: Array<[string, string, string, string, string]> = [
  ['R1', EKS_CLUSTER, 'eks-irsa-any-service-account', 'arn:aws:s3:::acme-model-artifacts', 'C-MODEL-THEFT'],
  ['R2', EKS_CLUSTER, 'eks-node-role-from-pods', 'arn:aws:s3:::acme-training-data-pii', 'C-DATA'],
  ['R3', EMBEDDINGS_TASK, 'credential-in-configuration', 'arn:aws:s3:::acme-training-data-pii', 'C-DATA'],
  ['R3u', iam(ML, 'user/embeddings-sync'), 'iam-user-access-key', 'arn:aws:s3:::acme-training-data-pii', 'C-DATA'],
  ['R4', 'internet', 'ec2-instance-public-foothold', 'arn:aws:s3:::acme-model-artifacts', 'C-POISON-MODEL'],
  ['R4b', 'internet', 'ec2-instance-public-foothold', 'arn:aws:s3:::acme-model-artifacts', 'C-MODEL-THEFT'],
];
/** Runtime decoys RD1-RD3: the pinned IRSA role, the IMDSv2 hop-limit-1 node, the private task. */
const RUNTIME_DECOY_LABELS = ['acme-eks-feature-reader', 'acme-eks-system-node-role', 'acme-fraud-batch-task-role', 'fraud-batch-scorer:12'];
EXPECTED.push(...RUNTIME_EXPECTED);
/** AI front doors (README "Front doors", issue 13): API Gateway, AgentCore and Cognito chains of account 111. */
const ASSISTANT_ROUTE = `arn:aws:execute-api:us-east-1:${ML}:k7xq2m9d4a/prod/POST/v1/chat`;
const SEARCH_ROUTE = `arn:aws:execute-api:us-east-1:${ML}:p3w8n1c6zt/prod/POST/search`;
const SEARCH_NETWORK = `network:arn:aws:execute-api:us-east-1:${ML}:p3w8n1c6zt`;
const SLACK_SECRET = `arn:aws:secretsmanager:us-east-1:${ML}:secret:prod/slack/alerts-webhook-K5cVGl`;
const GUEST_SESSION = `arn:aws:sts::${ML}:assumed-role/acme-mobile-guest-role/CognitoIdentityCredentials`;
const FRONT_DOOR_EXPECTED: Array<[string, string, string, string, string]> = [
  ['F1', 'internet', 'front-door-open', 'arn:aws:s3:::acme-training-data-pii', 'C-DATA'],
  ['F2', 'internet', 'front-door-open', SLACK_SECRET, 'C-SECRETS'],
  ['F3', 'internet', 'cognito-guest-access', ENDPOINT, 'C-MODEL-INVOKE'],
  ['F4', SEARCH_NETWORK, 'front-door-open', 'arn:aws:s3:::acme-training-data-pii', 'C-DATA'],
];
/** Front-door decoys DF1-DF4: the IAM-authorized admin API, the JWT gateway, the kiosk pool without guests, the staff pool without sign-up. */
const FRONT_DOOR_DECOY_LABELS = ['acme-admin-api POST /reindex (prod)', 'acme-admin-reindex', 'acme-admin-reindex-role', 'acme-partner-tools', 'acme-partner-catalog', 'acme-kiosk-guest-role', 'acme-staff-analyst-role'];
EXPECTED.push(...FRONT_DOOR_EXPECTED);

/** Names that only decoys carry (README "Decoys"): none may appear on any path. */
const DECOY_LABELS = [
  'acme-status-page', 'acme-status-page-role', 'break-glass-admin', 'security-lead', 'acme-report-export',
  'acme-report-export-role', 'acme-github-sagemaker-pipelines', 'acme-dp-ingest-writer', 'acme-inference-gateway',
  'acme-inference-gateway-role', 'sandbox-notebook', 'acme-sandbox-notebook-role', 'acme-partner-exchange',
  'acme-etl-orchestrator', 'airflow-scheduler', 'grafana-cloudwatch', 'acme-observability-integration',
  'acme-status-page-assets', 'sentiment-classifier', 'fraud-scorer-v4', 'churn-xgb-v1',
  ...RUNTIME_DECOY_LABELS,
  ...FRONT_DOOR_DECOY_LABELS,
  // Posture only: one role with model, data and tool access shared by three functions nothing reaches.
  'acme-support-agent-role', 'acme-support-agent-triage', 'acme-support-agent-replies', 'acme-support-agent-escalations',
];

/** The demo through the pipeline's own stages: graph, logging facts, analysis, posture. */
async function demo(options: { whatIf?: string[] } = {}) {
  return analyzeLoaded(await loadInputs(['fixtures/demo']), options).result;
}

/** [chain, what the path leaves in CloudTrail] (README "Silent hops"). */
const LOGGING: Array<[string, string]> = [
  ['C1', 'partial'], ['C1b', 'partial'], ['C2', 'recorded'], ['C3', 'recorded'], ['C4', 'partial'], ['C4m', 'partial'],
  ['C5', 'recorded'], ['C6', 'silent'], ['C7', 'silent'], ['X1', 'partial'], ['X1m', 'partial'], ['X2', 'silent'],
  ['C8', 'partial'], ['C8b', 'silent'], ['C9', 'recorded'], ['C9m', 'recorded'], ['C1c', 'partial'],
  // C10: the assume and the code update are management events; using the token leaves nothing in AWS.
  ['C10', 'recorded'], ['C10f', 'silent'],
  // Runtime chains: only R1's web-identity AssumeRole is a management event; S3 object calls need data events.
  ['R1', 'partial'], ['R2', 'silent'], ['R3', 'silent'], ['R3u', 'silent'], ['R4', 'silent'], ['R4b', 'silent'],
  ['F1', 'silent'], ['F2', 'partial'], ['F3', 'partial'], ['F4', 'silent'],
];

describe('demo deployment', () => {
  it('finds exactly the documented chains', async () => {
    const result = await demo();
    const found = result.findings.map((f) => [f.entry.node, f.entry.entryPoint, f.target.node, f.target.impact].join(' '));
    const expected = EXPECTED.map(([, ...key]) => key.join(' '));
    expect([...found].sort()).toEqual([...expected].sort());
  });

  it('says which paths leave no CloudTrail record, and raises invocation logging off where models are invoked', async () => {
    const result = await demo();
    const chainOf = new Map(EXPECTED.map(([chain, ...key]) => [key.join(' '), chain]));
    const found = result.findings.map((f) => [chainOf.get([f.entry.node, f.entry.entryPoint, f.target.node, f.target.impact].join(' ')), f.logging]);
    expect(found.sort()).toEqual([...LOGGING].sort());
    // C6: the endpoint invocation is a call CloudTrail never records; C7: object reads without data events.
    const c6 = result.findings.find((f) => f.target.node === ENDPOINT && f.entry.entryPoint === 'lambda-function-url-public')!;
    expect(c6.path.edges.map((e) => e.record?.status)).toEqual(['none', 'no-call', 'none']);
    const llmjacking = result.findings.filter((f) => f.target.node === BEDROCK);
    expect(llmjacking.map((f) => f.path.edges.at(-1)?.record)).toEqual([
      { status: 'trail', trails: ['acme-ml-audit'], invocationLogging: 'off' },
      { status: 'trail', trails: ['acme-ml-audit'], invocationLogging: 'off' },
      { status: 'trail', trails: ['acme-ml-audit'], invocationLogging: 'off' },
    ]);
    expect(result.posture?.filter((p) => p.rule === 'bedrock-invocation-logging-off').map((p) => [p.rule, p.accountId, p.evidence['regions'], p.findings])).toEqual([
      ['bedrock-invocation-logging-off', ML, ['us-east-1'], llmjacking.map((f) => f.id).sort()],
    ]);
  });

  it('keeps every decoy off every path', async () => {
    const result = await demo();
    const labels = new Set(result.findings.flatMap((f) => f.path.nodes.map((n) => n.label)));
    expect(DECOY_LABELS.filter((label) => labels.has(label))).toEqual([]);
  });

  it('walks each chain through the documented hops', async () => {
    const result = await demo();
    const path = (entry: string, target: string, entryPoint?: string) =>
      result.findings.find((f) => f.entry.node === entry && f.target.node === target && (!entryPoint || f.entry.entryPoint === entryPoint))!.path.edges.map((e) => [e.kind, e.technique ?? e.access ?? '', e.to.split(/[:/]/).pop()]);
    expect(path('internet', 'arn:aws:s3:::acme-training-data-pii', 'lambda-function-url-public')).toEqual([
      ['exposure', '', 'acme-chat-api'],
      ['runs-as', '', 'acme-chat-api-role'],
      ['escalation', 'sagemaker-create-training-job', 'acme-sagemaker-training-role'],
      ['data-access', 'read', 'acme-training-data-pii'],
    ]);
    expect(path(iam('999999999999', 'root'), `admin:${ML}`)).toEqual([
      ['can-assume', 'sts-assume-role', 'vendor-model-monitoring'],
      ['escalation', 'sagemaker-presigned-notebook-url', 'research-notebook'],
      ['runs-as', '', 'acme-notebook-exec-role'],
      ['escalation', 'iam-put-role-policy-self', ML],
    ]);
    expect(path(MODEL_V3, 'arn:aws:s3:::acme-customer-features')).toEqual([
      ['holds-credential', '', 'data-sync-bot'],
      ['can-assume', 'sts-assume-role', 'analytics-cross-account-reader'],
      ['data-access', 'read', 'acme-customer-features'],
    ]);
    // C8: the AI supply chain: a prefix-scoped write on the artifact a served model loads.
    expect(path('internet', FEATURE_STORE_SECRET)).toEqual([
      ['exposure', '', 'acme-recsys-refresh'],
      ['runs-as', '', 'acme-recsys-refresh-role'],
      ['escalation', 'sagemaker-model-artifact-overwrite', 'recsys-ranker-v7'],
      ['runs-as', '', 'acme-recsys-inference-role'],
      ['data-access', 'read', 'postgres-fhMMO6'],
    ]);
    expect(path('internet', 'arn:aws:s3:::acme-recsys-models')).toEqual([
      ['exposure', '', 'acme-recsys-refresh'],
      ['runs-as', '', 'acme-recsys-refresh-role'],
      // A write data-access edge, named after the technique that evaluated it on the artifact.
      ['data-access', 'sagemaker-model-artifact-poisoning', 'acme-recsys-models'],
    ]);
    expect(path(iam(ML, 'user/data-sync-bot'), BEDROCK)).toEqual([['invoke', '', ML]]);
  });

  it('front-door chains walk the documented hops, from the documented exposure classes', async () => {
    const result = await demo();
    const finding = (entry: string, entryPoint: string, target: string) => result.findings.find((f) => f.entry.node === entry && f.entry.entryPoint === entryPoint && f.target.node === target)!;
    const hops = (f: ReturnType<typeof finding>) => f.path.edges.map((e) => [e.kind, e.access ?? '', e.to]);
    const backend = `arn:aws:lambda:us-east-1:${ML}:function:acme-assistant-backend`;
    const backendRole = iam(ML, 'role/acme-assistant-backend-role');
    const f1 = finding('internet', 'front-door-open', 'arn:aws:s3:::acme-training-data-pii');
    expect(hops(f1)).toEqual([
      ['exposure', '', ASSISTANT_ROUTE],
      ['invoke', '', backend],
      ['runs-as', '', backendRole],
      ['data-access', 'read', 'arn:aws:s3:::acme-training-data-pii'],
    ]);
    expect(f1.path.edges[0]!.detail).toMatchObject({ api: 'acme-assistant-api', stage: 'prod', route: 'POST /v1/chat', authorization: 'none' });
    const f2 = finding('internet', 'front-door-open', SLACK_SECRET);
    expect(hops(f2).map(([kind, , to]) => `${kind} ${to!.split(/[:/]/).pop()}`)).toEqual(['exposure acme-support-tools-myyv251v8j', 'invoke acme-support-notify', 'runs-as acme-support-notify-role', 'data-access alerts-webhook-K5cVGl']);
    // The gateway calls its tool with its own role: the invoke hop names it.
    expect(f2.path.edges[1]!.detail).toEqual({ credentials: iam(ML, 'role/acme-agentcore-gateway-role') });
    // F3: the guest acts as a session of its role under Cognito's session policies.
    const f3 = finding('internet', 'cognito-guest-access', ENDPOINT);
    expect(hops(f3)).toEqual([['can-assume', '', GUEST_SESSION], ['invoke', '', ENDPOINT]]);
    // The guest role's grant on the OpenAI key is outside the session policies: no guest finding reaches it.
    expect(result.findings.filter((f) => f.entry.entryPoint === 'cognito-guest-access').map((f) => f.target.node)).toEqual([ENDPOINT]);
    // F4: the private API pinned to a VPC endpoint is network-adjacent, ranked below the public door to the same data.
    const f4 = finding(SEARCH_NETWORK, 'front-door-open', 'arn:aws:s3:::acme-training-data-pii');
    expect([f4.entry.exposure, f1.entry.exposure, f2.entry.exposure, f3.entry.exposure]).toEqual(['network-adjacent', 'anonymous-internet', 'anonymous-internet', 'anonymous-internet']);
    expect(hops(f4).slice(0, 2)).toEqual([['exposure', '', SEARCH_ROUTE], ['invoke', '', backend]]);
    expect(f4.score).toBeLessThan(f1.score);
  });

  it('C10: the Hugging Face token in a function environment is a credential node, reached by redeploying the function and by reading its configuration', async () => {
    const run = await runAnalysis({ inputs: ['fixtures/demo'], format: 'json', color: false });
    const result = run.result;
    const c10 = result.findings.filter((f) => f.target.node === HF_TOKEN);
    const hops = (f: (typeof c10)[number]) => f.path.edges.map((e) => [e.kind, e.technique ?? '', e.to.split(/[:/]/).pop()]);
    const github = c10.find((f) => f.entry.node === OIDC)!;
    expect(hops(github)).toEqual([
      ['can-assume', 'sts-assume-role', 'acme-github-deploy'],
      // The deploy role may also GetFunctionConfiguration, but the environment is encrypted with a key it may not
      // use (lambda-read-environment-credential needs kms:Decrypt): the token comes with the code update.
      ['escalation', 'lambda-update-function-code', 'acme-model-promote'],
      ['holds-credential', '', 'f02908e29187'],
    ]);
    const reader = c10.find((f) => f.entry.node === MODEL_PROMOTE)!;
    expect(reader.path.edges.map((e) => [e.kind, e.detail])).toEqual([['holds-credential', { variable: 'HF_TOKEN', credential: 'huggingface-token', fingerprint: 'sha256:f02908e29187' }]]);
    expect([reader.target.impact, reader.target.sensitivity, reader.entry.exposure, reader.entry.credential]).toEqual(['C-OUTSIDE', ['third-party-credential'], 'leaked-credential', { kind: 'static-secret' }]);
    // The fingerprint is shown, the value never: not in the report, and not in the loaded snapshot.
    expect(run.output).toContain('sha256:f02908e29187');
    expect(run.output).not.toContain(HF_TOKEN_VALUE);
    expect(JSON.stringify((await loadInputs(['fixtures/demo'])).snapshot)).not.toContain(HF_TOKEN_VALUE);
  });

  it('names the techniques of the AI supply-chain chain with their ATT&CK and OWASP NHI ids', async () => {
    const result = await demo();
    const c8 = result.findings.find((f) => f.entry.node === 'internet' && f.target.node === FEATURE_STORE_SECRET)!;
    expect(c8.techniqueRefs).toEqual([{ id: 'sagemaker-model-artifact-overwrite', attack: ['T1565.001', 'T1195.002'], owaspNhi: ['NHI5'] }]);
    const c8b = result.findings.find((f) => f.entry.node === 'internet' && f.target.node === 'arn:aws:s3:::acme-recsys-models')!;
    expect(c8b.techniques).toEqual(['sagemaker-model-artifact-poisoning']);
    // The artifact write is evaluated on the artifact itself: the prefix-scoped grant counts.
    expect(c8.path.edges[2]!.provenance.map((p) => p.resource ?? p.field)).toContain('arn:aws:s3:::acme-recsys-models/ranker/current/model.tar.gz');
  });

  it('--no-derived drops the derived supply-chain hop and keeps the documented ones', async () => {
    const loaded = await loadInputs(['fixtures/demo']);
    const rules = loadRules();
    const result = analyze(buildGraph(loaded, rules, { derived: false }), rules, { gaps: [] });
    const keys = new Set(result.findings.map((f) => `${f.entry.node} ${f.target.node}`));
    expect(keys.has(`internet ${FEATURE_STORE_SECRET}`)).toBe(false);
    expect(keys.has('internet arn:aws:s3:::acme-recsys-models')).toBe(true);
    expect(result.findings).toHaveLength(EXPECTED.length - 1);
  });

  it('rates account takeover critical and carries provenance on every IAM hop', async () => {
    const result = await demo();
    const takeovers = result.findings.filter((f) => f.target.impact === 'C-ADMIN');
    expect(takeovers.map((f) => f.severity)).toEqual(['critical', 'critical']);
    for (const finding of result.findings) {
      for (const edge of finding.path.edges) expect(edge.provenance.length, `${finding.id} ${edge.kind}`).toBeGreaterThan(0);
    }
  });

  it('runtime chains walk the documented hops, from the documented exposure classes', async () => {
    const result = await demo();
    const finding = (entry: string, target: string, impact: string, entryPoint?: string) =>
      result.findings.find((f) => f.entry.node === entry && f.target.node === target && f.target.impact === impact && (!entryPoint || f.entry.entryPoint === entryPoint))!;
    const hops = (f: ReturnType<typeof finding>) => f.path.edges.map((e) => [e.kind, e.technique ?? e.access ?? '', e.to.split(/[:/]/).pop()]);
    const r1 = finding(EKS_CLUSTER, 'arn:aws:s3:::acme-model-artifacts', 'C-MODEL-THEFT');
    expect(hops(r1)).toEqual([['can-assume', 'sts-assume-role', 'acme-eks-model-loader'], ['data-access', 'read', 'acme-model-artifacts']]);
    expect([r1.entry.label, r1.entry.exposure, r1.path.edges[0]!.detail?.['serviceAccounts']]).toEqual(['code running in cluster acme-inference', 'code-in-cluster', 'any service account in any namespace']);
    const r2 = finding(EKS_CLUSTER, 'arn:aws:s3:::acme-training-data-pii', 'C-DATA');
    expect(hops(r2)).toEqual([['runs-as', '', 'acme-eks-gpu-node-role'], ['data-access', 'read', 'acme-training-data-pii']]);
    expect(r2.path.edges[0]!.detail).toMatchObject({ nodegroup: 'gpu-workers', imds: 'v1' });
    expect(hops(finding(EMBEDDINGS_TASK, 'arn:aws:s3:::acme-training-data-pii', 'C-DATA'))).toEqual([['holds-credential', '', 'embeddings-sync'], ['data-access', 'read', 'acme-training-data-pii']]);
    const r4 = finding('internet', 'arn:aws:s3:::acme-model-artifacts', 'C-POISON-MODEL', 'ec2-instance-public-foothold');
    // The write is found on the served model's artifact too, so it carries the poisoning technique (as C1b).
    expect(hops(r4)).toEqual([['exposure', '', 'acme-gpu-host-role'], ['data-access', 'sagemaker-model-artifact-poisoning', 'acme-model-artifacts']]);
    // IMDSv1: any request forgery reads the credentials.
    expect([r4.entry.exposure, r4.path.edges[0]!.detail?.['name']]).toEqual(['foothold-ssrf', 'gpu-inference-01']);
    // The IRSA trust pinning only aud ranks below the unpinned GitHub trust (C2).
    const github = result.findings.find((f) => f.entry.node === OIDC)!;
    expect(r1.score).toBeLessThan(github.score);
  });

  it('ranks by the unclipped score: no two critical findings tie, and the five-year-old unused key leads', async () => {
    const result = await demo();
    const critical = result.findings.filter((f) => f.severity === 'critical');
    expect(critical.map((f) => f.entry.node)).toEqual([iam(ML, 'user/ci-legacy'), iam('999999999999', 'root')]);
    expect(new Set(critical.map((f) => f.rawScore)).size).toBe(critical.length);
    expect(critical.map((f) => f.score)).toEqual([100, 100]);
    // Findings come out in rawScore order, and each entry names its credential.
    const raw = result.findings.map((f) => f.rawScore!);
    expect(raw).toEqual([...raw].sort((a, b) => b - a));
    expect(critical[0]!.entry.credential).toMatchObject({ kind: 'access-key', createdAt: '2021-03-15T14:03:09+00:00', lastUsedAt: '2022-08-30T17:12:00+00:00', ageDays: 2057, unusedDays: 1524 });
    expect(critical[1]!.entry.credential).toEqual({ kind: 'role-session', sessionHours: 12, windowHours: 12 });
    expect(critical[0]!.factors.credential).toBeGreaterThan(critical[1]!.factors.credential!);
  });

  it('what-if: a compromised break-glass user reaches admin', async () => {
    const result = await demo({ whatIf: [iam(ML, 'user/security-lead')] });
    const whatIf = result.findings.filter((f) => f.entry.entryPoint === 'what-if');
    expect(whatIf.map((f) => f.target.node)).toContain(`admin:${ML}`);
    const hops = whatIf.find((f) => f.target.node === `admin:${ML}`)!.path.edges.map((e) => e.to);
    expect(hops).toEqual([iam(ML, 'role/break-glass-admin'), `admin:${ML}`]);
    // The role's trust requires MFA: the hop holds only if the attacker has it.
    expect(whatIf.find((f) => f.target.node === `admin:${ML}`)!.residualConditions.join(' ')).toMatch(/aws:MultiFactorAuthPresent/i);
  });

  it('produces byte-identical JSON across runs, with the coverage gap listed', async () => {
    const run = () => runAnalysis({ inputs: ['fixtures/demo'], format: 'json', color: false });
    const [first, second] = [await run(), await run()];
    expect(second.output).toBe(first.output);
    expect(first.result.gaps.map((g) => `${g.service}:${g.operation} ${g.outcome}`)).toEqual(['secretsmanager:GetResourcePolicy denied']);
  });
});
