/**
 * Live collection end to end against a real AWS emulator: moto's server (started here on
 * loopback, stopped after), an AI deployment seeded through the real AWS SDK clients
 * (test/e2e/moto/seed/), then `blastpath scan` through the CLI entry with --endpoint-url and
 * credentials from the environment, as a user would run it. Asserts the exact findings, the
 * exact coverage gaps (operations moto lacks), what each collector stored, and that no planted
 * secret reaches the snapshot or the report. The tables live in test/e2e/moto/expectations.ts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { isOutOfScope } from '../../src/collect/index.js';
import { validateSnapshot, type Snapshot } from '../../src/snapshot/index.js';
import { startMoto, MOTO_ACCOUNT, MOTO_CREDENTIALS, type Moto } from '../support/moto.js';
import { EXPECTED_GAPS, expectedFindings, expectedSections } from './moto/expectations.js';
import { STAGE_TOKEN } from './moto/seed/apigateway.js';
import { PLANTED_RUNTIME_KEY } from './moto/seed/agentcore.js';
import { REGION } from './moto/seed/clients.js';
import { PLANTED_USER_DATA, USER_DATA_BASE64 } from './moto/seed/autoscaling.js';
import { PLANTED_STACK_SET_VALUES } from './moto/seed/cloudformation.js';
import { PLANTED_TOKEN } from './moto/seed/ecs.js';
import { seedDeployment, type Seeded } from './moto/seed/index.js';
import { PLANTED_KEY } from './moto/seed/lambda.js';
import { PLANTED_BUILD_TOKEN } from './moto/seed/codebuild.js';
import { PLANTED_PARAMETER_VALUES } from './moto/seed/ssm.js';

interface Finding {
  severity: string;
  entry: { entryPoint: string };
  target: { impact: string };
  path: { nodes: Array<{ id: string }> };
  residualConditions?: string[];
}

let moto: Moto;
let seeded: Seeded;
let dir: string;
let run: { code: number; stdout: string; stderr: string };
let snapshot: Snapshot;
let report: { findings: Finding[]; coverageGaps: unknown[]; collectedNotAnalyzed: Array<{ section: string; field?: string; count: number }> };
const saved = { ...process.env };

beforeAll(async () => {
  moto = await startMoto();
  seeded = await seedDeployment(moto.endpoint);
  dir = await mkdtemp(join(tmpdir(), 'blastpath-moto-'));
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    // Nothing from the machine's own AWS setup may leak in, and nothing may leave loopback.
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) delete process.env[key];
  const file = join(dir, 'snapshot.json');
  let stdout = '';
  let stderr = '';
  const args = ['scan', '--endpoint-url', moto.endpoint, '--regions', REGION, '--format', 'json', '--snapshot', file, '--timeout', '10', '--max-attempts', '2'];
  const code = await main(['node', 'blastpath', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, env: {} });
  run = { code, stdout, stderr };
  snapshot = validateSnapshot(JSON.parse(await readFile(file, 'utf8')), file);
  report = JSON.parse(stdout) as typeof report;
}, 90_000);

afterAll(async () => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  await moto?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const region = () => snapshot.accounts[0]!.regions[REGION]!;

describe('blastpath scan against moto', () => {
  it('collects the emulated account, in calls the summary counts', () => {
    expect(run.code).toBe(0);
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual([MOTO_ACCOUNT]);
    const summary = /collected 1 account with (\d+) calls in ([\d.]+) s/.exec(run.stderr);
    expect(summary, run.stderr).not.toBeNull();
    // The figure the notes quote (collection against the emulator), printed like the fuzz tallies.
    console.log(`moto collection: ${summary![1]} calls in ${summary![2]} s`);
    // One listing and a few describes per service: a regression that loops or fans out shows here.
    expect(Number(summary![1])).toBeLessThan(200);
  });

  it('finds exactly the attack paths the graph models', () => {
    const found = report.findings.map((f) => ({
      entryPoint: f.entry.entryPoint,
      path: f.path.nodes.map((n) => n.id),
      impact: f.target.impact,
      severity: f.severity,
      conditional: (f.residualConditions ?? []).length > 0,
    }));
    const key = (f: { path: string[] }) => f.path.join(' > ');
    expect([...found].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...expectedFindings(seeded)].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('lists what it collected but does not analyze beside the gaps: the AgentCore memory', () => {
    expect(report.collectedNotAnalyzed.map((n) => [n.section, n.field ?? '', n.count])).toEqual([['BedrockAgentCore', 'Memories', 1]]);
  });

  it('records exactly the gaps the emulator causes, in AWS terms', () => {
    const gaps = snapshot.coverage.filter((r) => r.outcome !== 'ok');
    expect(gaps.map((g) => `${g.service} ${g.operation} ${g.outcome}`).sort()).toEqual(EXPECTED_GAPS.map((g) => g.gap).sort());
    expect(report.coverageGaps).toHaveLength(gaps.length);
    for (const gap of gaps.filter((g) => !isOutOfScope(g))) {
      expect(gap.message).toMatch(/^the endpoint answered HTTP (404|500) with an HTML page, not an AWS response: operation not implemented there\?/);
      // One gap per operation and region, not one per resource it was asked about.
      expect(gap.resource).toBeUndefined();
    }
    expect(JSON.stringify(snapshot.coverage)).not.toMatch(/hidden field|\$response|Deserialization error/);
    const lambdaGap = gaps.find((g) => g.operation === 'ListFunctionUrlConfigs');
    expect(lambdaGap?.message).toContain("GetFunctionUrlConfig used instead: each function's own URL is read; URLs on its aliases are not seen");
  });

  it('keeps customer-managed policies that come without PolicyName, named from their ARN, and notes it', () => {
    const policies = snapshot.accounts[0]!.iam!.AuthorizationDetails.Policies.filter((p) => p.Arn.startsWith(`arn:aws:iam::${MOTO_ACCOUNT}:`));
    expect(policies.map((p) => p.PolicyName).sort()).toContain('chat-frontend-role-policy');
    const notes = snapshot.coverage.filter((r) => r.outcome === 'ok' && r.operation === 'GetAccountAuthorizationDetails' && r.message);
    expect(notes.map((n) => n.resource).sort()).toEqual(policies.map((p) => p.Arn).sort());
    expect(new Set(notes.map((n) => n.message))).toEqual(new Set(['the managed policy came without PolicyName; the name was taken from its ARN']));
  });

});

describe('what each collector stored', () => {
  it('matches every row of the expectations table (each row reported on its own)', () => {
    const rows = expectedSections(seeded);
    expect(rows.length).toBeGreaterThan(15);
    for (const [label, read, expected] of rows) expect.soft(read(region()), label).toEqual(expected);
  });
});

describe('secrets', () => {
  it('never reach the snapshot or the report: environment, stage variables, runtime environment, parameter values, stack set templates, user data', () => {
    const text = JSON.stringify(snapshot) + run.stdout + run.stderr;
    for (const secret of [PLANTED_KEY, PLANTED_BUILD_TOKEN, PLANTED_TOKEN, PLANTED_RUNTIME_KEY, STAGE_TOKEN, 'seeded-secret-value-never-collected', ...PLANTED_PARAMETER_VALUES, ...PLANTED_STACK_SET_VALUES, PLANTED_USER_DATA, USER_DATA_BASE64]) expect(text).not.toContain(secret);
    expect(region().Lambda?.Functions.find((f) => f.FunctionName === 'chat-frontend')?.Environment?.Variables?.['OPENAI_API_KEY']).toMatch(/^<redacted:openai-api-key sha256:/);
    expect(region().ECS?.TaskDefinitions?.find((t) => t.family === 'llm-server')?.containerDefinitions?.[0]?.environment?.[0]?.value).toMatch(/^<redacted:huggingface-token sha256:/);
    expect(region().BedrockAgentCore?.AgentRuntimes[0]?.environmentVariables?.['ANTHROPIC_API_KEY']).toMatch(/^<redacted:anthropic-api-key sha256:/);
    expect(region().ApiGateway?.RestApis[0]?.Stages?.[0]?.variables).toEqual({ backendToken: expect.stringMatching(/^<redacted:github-token sha256:/), modelName: 'llm-prod' });
  });
});
