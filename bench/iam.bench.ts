/**
 * The IAM evaluator's speed. Two figures the issue asks for:
 *   1. decisions per second for one principal with ten attached policies (target: under 2 µs
 *      per decision), for evaluate() itself and for the graph's decide() (which also builds the
 *      request context), with and without three SCP levels and a resource policy;
 *   2. every principal's access to every crown jewel of a 10k-role organization from the
 *      scale generator: once over the full cross product, once through the candidate index the
 *      graph uses (src/graph/access-candidates.ts: principals whose policies can grant the
 *      action on the resource, plus those its resource policy names). Size: BLASTPATH_BENCH_IAM_ROLES (default 10000; 0 skips this part).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessCandidates } from '../src/graph/access-candidates.js';
import { decide } from '../src/graph/decide.js';
import { findCrownJewels } from '../src/graph/sensitivity.js';
import { buildFacts, type Principal, type Resource } from '../src/graph/facts/index.js';
import { foundationModelAccounts } from '../src/graph/foundation-models.js';
import { compilePolicy, evaluate, type AccessRequest, type CompiledPolicy, type PolicySet, type PolicyStatementInput } from '../src/iam/index.js';
import { loadInputs } from '../src/load/index.js';
import { loadRules, type ResourceAccessRules } from '../src/rules/index.js';
import { seconds } from './format.js';
import { repoRoot } from './product.js';
import { writeSnapshot } from './generator/index.js';
import type { BenchSection } from './types.js';

const ACCOUNT = '111111111111';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app/bench-role`;

/** Ten policies of the shapes real roles carry: service wildcards, ARN scopes, conditions, a NotAction, denies. */
export function tenPolicies(): CompiledPolicy[] {
  const s = (Effect: 'Allow' | 'Deny', Action: string | string[], Resource: string | string[], Condition?: PolicyStatementInput['Condition']): PolicyStatementInput => ({
    Effect,
    Action,
    Resource,
    ...(Condition ? { Condition } : {}),
  });
  const docs: PolicyStatementInput[][] = [
    [s('Allow', ['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::ml-data', 'arn:aws:s3:::ml-data/*']), s('Allow', 's3:PutObject', 'arn:aws:s3:::ml-artifacts/*')],
    [s('Allow', ['sagemaker:Describe*', 'sagemaker:List*'], '*'), s('Allow', 'sagemaker:CreateTrainingJob', `arn:aws:sagemaker:*:${ACCOUNT}:training-job/*`)],
    [s('Allow', 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/sagemaker-*`, { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } })],
    [s('Allow', ['logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:*:${ACCOUNT}:log-group:/aws/sagemaker/*`)],
    [s('Allow', 'secretsmanager:GetSecretValue', `arn:aws:secretsmanager:*:${ACCOUNT}:secret:ml/*`, { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } })],
    [s('Allow', ['kms:Decrypt', 'kms:GenerateDataKey'], `arn:aws:kms:*:${ACCOUNT}:key/*`, { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } })],
    [s('Allow', ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], '*'), s('Allow', 'cloudwatch:PutMetricData', '*')],
    [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }],
    [s('Deny', 's3:DeleteBucket', '*'), s('Deny', '*', '*', { Bool: { 'aws:SecureTransport': 'false' } })],
    [s('Allow', ['lambda:InvokeFunction', 'lambda:GetFunction'], `arn:aws:lambda:*:${ACCOUNT}:function:ml-*`), s('Allow', 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/ml-*`)],
  ];
  return docs.map((statements, i) => compilePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'identity', id: `arn:aws:iam::${ACCOUNT}:policy/bench-${i}` }));
}

/** A mix of requests: allowed, denied, conditional; several services. */
export const REQUESTS: Array<[action: string, resource: string]> = [
  ['s3:GetObject', 'arn:aws:s3:::ml-data/train/part-0001.parquet'],
  ['s3:PutObject', 'arn:aws:s3:::ml-artifacts/model.tar.gz'],
  ['s3:GetObject', 'arn:aws:s3:::other-bucket/x'],
  ['s3:DeleteBucket', 'arn:aws:s3:::ml-data'],
  ['sagemaker:CreateTrainingJob', `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/t-1`],
  ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/sagemaker-exec`],
  ['iam:AttachRolePolicy', ROLE],
  ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ml/openai-AbCdEf`],
  ['kms:Decrypt', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
  ['sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/ml-deployer`],
];

/** CPU time of this process in ms: steadier than wall time on a machine shared with other work. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function time(label: string, decisions: number, run: () => void): Record<string, string | number> {
  run(); // warm-up: compile matchers and fill caches, as a graph build does on first use
  let best = Infinity;
  for (let round = 0; round < 7; round += 1) {
    const started = cpuMs();
    run();
    best = Math.min(best, cpuMs() - started);
  }
  const micros = (best * 1000) / decisions;
  return { case: label, decisions, 'µs per decision': Number(micros.toFixed(3)), 'decisions per second': Math.round(1e6 / micros) };
}

function micro(): Array<Record<string, string | number>> {
  const identity = tenPolicies();
  const tags = { team: 'ml' };
  const scpLevels: CompiledPolicy[][] = ['root', 'ou', 'account'].map((level) => [
    compilePolicy({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { kind: 'scp', id: `FullAWSAccess@${level}` }),
    compilePolicy({ Statement: [{ Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'cloudtrail:StopLogging'], Resource: '*' }] }, { kind: 'scp', id: `guardrails@${level}` }),
  ]);
  const bucketPolicy = compilePolicy(
    { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: '*' }] },
    { kind: 'resource', id: 'bucket#resource-policy' },
  );
  const requests: AccessRequest[] = REQUESTS.map(([action, resource]) => ({
    principal: { arn: ROLE, type: 'role', accountId: ACCOUNT, tags },
    action,
    resource,
    resourceAccount: ACCOUNT,
    context: { 'aws:securetransport': ['true'], 'aws:principalarn': [ROLE] },
  }));
  const N = 20_000;
  const loop = (policies: PolicySet) => () => {
    for (let i = 0; i < N; i += 1) evaluate(requests[i % requests.length]!, policies);
  };
  const caller = { request: requests[0]!.principal, identity, scps: scpLevels };
  return [
    time('evaluate(): 10 identity policies', N, loop({ identity })),
    time('evaluate(): + 3 SCP levels', N, loop({ identity, scps: scpLevels })),
    time('evaluate(): + 3 SCP levels + resource policy', N, loop({ identity, scps: scpLevels, resource: bucketPolicy })),
    time('decide(): graph path, 10 policies + 3 SCP levels', N, () => {
      for (let i = 0; i < N; i += 1) {
        const [action, resource] = REQUESTS[i % REQUESTS.length]!;
        decide({ caller, action, resource, resourceAccount: ACCOUNT });
      }
    }),
  ];
}

type Spec = { anyOf: string[]; arn: string };

/** Every (jewel, action, request ARN) the graph evaluates for crown jewels. */
function jewelQuestions(jewels: Resource[], access: ResourceAccessRules) {
  return jewels.flatMap((resource) =>
    Object.values((access[resource.kind as keyof ResourceAccessRules] ?? {}) as Record<string, Spec>).flatMap((spec) =>
      spec.anyOf.map((action) => ({ resource, action, arn: spec.arn.replace('{arn}', resource.arn), mode: resource.kind === 'kms-key' ? ('required' as const) : ('optional' as const) })),
    ),
  );
}

async function organization(roles: number): Promise<{ rows: Array<Record<string, string | number>>; notes: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'blastpath-iam-bench-'));
  try {
    const file = join(dir, 'org.json');
    await writeSnapshot(file, { roles, accounts: Math.max(4, Math.round(roles / 200)), seed: 'iam-bench' });
    const loaded = await loadInputs([file]);
    const rules = loadRules({ dir: join(repoRoot(), 'rules') });
    let started = cpuMs();
    const inventory = buildFacts(loaded);
    const inventoryMs = cpuMs() - started;
    // The crown jewels as the graph stage marks them, without deriving the other edge kinds.
    const jewels = [...findCrownJewels(inventory, rules, foundationModelAccounts(inventory, rules)).keys()].flatMap((node) => inventory.resourcesByArn.get(node) ?? []);
    const questions = jewelQuestions(jewels, rules.resourceAccess);
    const ask = (caller: Principal, q: (typeof questions)[number]) =>
      decide({ caller, action: q.action, resource: q.arn, resourceAccount: q.resource.accountId, ...(q.resource.policy ? { resourcePolicy: q.resource.policy } : {}), mode: q.mode });

    // The full cross product grows as principals × questions; past a budget it is measured on
    // an evenly spaced sample of the questions and scaled up, and the row says so.
    const budget = 2_000_000;
    const step = Math.max(1, Math.ceil((questions.length * inventory.principals.length) / budget));
    started = cpuMs();
    for (let i = 0; i < questions.length; i += step) for (const caller of inventory.principals) ask(caller, questions[i]!);
    const crossMs = ((cpuMs() - started) * questions.length) / Math.ceil(questions.length / step);
    const crossDecisions = questions.length * inventory.principals.length;

    started = cpuMs();
    let indexed = 0;
    const candidatesFor = accessCandidates(inventory);
    for (const q of questions) for (const caller of candidatesFor(q.resource, [q.action], q.arn)) (ask(caller, q), (indexed += 1));
    const indexedMs = cpuMs() - started;
    const row = (label: string, decisions: number, ms: number) => ({ case: label, decisions, seconds: seconds(ms), 'µs per decision': Number(((ms * 1000) / decisions).toFixed(3)) });
    return {
      rows: [
        row(`${inventory.principals.length} principals × ${jewels.length} crown jewels, full cross product${step > 1 ? ` (1 in ${step} questions, scaled)` : ''}`, crossDecisions, crossMs),
        row(`${inventory.principals.length} principals × ${jewels.length} crown jewels, through the graph's candidate index`, indexed, indexedMs),
        { case: 'inventory: parse, compile and index every policy once', decisions: '-', seconds: seconds(inventoryMs), 'µs per decision': '-' },
      ],
      notes: [`generated organization: ${roles} roles, ${loaded.snapshot.accounts.length} accounts, ${inventory.resources.length} resources, ${questions.length} (jewel, action) questions`],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The IAM section of `npm run bench`. */
export default async function bench(): Promise<BenchSection> {
  const roles = Number(process.env['BLASTPATH_BENCH_IAM_ROLES'] ?? 10_000);
  process.stderr.write('bench: iam micro...\n');
  const rows = micro();
  // BLASTPATH_BENCH_IAM_ROLES=0 runs the per-decision figures only.
  if (roles > 0) process.stderr.write(`bench: iam organization of ${roles} roles...\n`);
  const org = roles > 0 ? await organization(roles) : { rows: [], notes: [] };
  return {
    title: 'IAM evaluation',
    rows: [...rows, ...org.rows],
    notes: ['target: under 2 µs per decision for a principal with ~10 attached policies', 'times are CPU time of the benchmark process (best of 7 rounds for the per-decision figures)', ...org.notes],
  };
}
