/**
 * `blastpath can` end to end on the demo snapshot: decisions, deciding statements, residuals and
 * exit codes (0 allowed, 1 denied, 4 allowed only if the residual holds, 2 input error).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const ML = '111111111111';
const role = (name: string) => `arn:aws:iam::${ML}:role/${name}`;
const DEMO = 'fixtures/demo';

async function canJson(...args: string[]) {
  const run = await runCli(['can', ...args, DEMO, '--format', 'json']);
  return { code: run.code, stderr: run.stderr, doc: run.stdout ? JSON.parse(run.stdout) : undefined };
}

describe('blastpath can', () => {
  it('PassRole without the passed service: conditional on iam:PassedToService, exit 4', async () => {
    const { code, doc } = await canJson(role('acme-chat-api-role'), 'iam:PassRole', role('acme-sagemaker-training-role'));
    expect(code).toBe(4);
    expect(doc).toMatchObject({ schema: 'blastpath.can/v1', decision: 'conditional', action: 'iam:PassRole', accessLevels: ['write'] });
    expect(doc.residual).toEqual(['StringEquals iam:PassedToService sagemaker.amazonaws.com']);
    expect(doc.allowedBy.map((s: { policy: string; statementIndex: number; sid?: string }) => [s.policy, s.statementIndex, s.sid])).toEqual([
      [`${role('acme-chat-api-role')}#inline/chat-api`, 3, 'PassTrainingRole'],
    ]);
  });

  it('PassRole to SageMaker with --context: allowed, exit 0', async () => {
    const { code, doc } = await canJson(role('acme-chat-api-role'), 'iam:PassRole', role('acme-sagemaker-training-role'), '--context', 'iam:PassedToService=sagemaker.amazonaws.com');
    expect(code).toBe(0);
    expect(doc).toMatchObject({ decision: 'allowed', residual: [], deniedBy: [] });
  });

  it('PassRole to another service: denied, exit 1', async () => {
    const { code, doc } = await canJson(role('acme-chat-api-role'), 'iam:PassRole', role('acme-sagemaker-training-role'), '--context', 'iam:PassedToService=lambda.amazonaws.com');
    expect(code).toBe(1);
    expect(doc).toMatchObject({ decision: 'denied', denyReason: 'no-allow' });
  });

  it('break-glass-admin for security-lead: conditional on MFA, from the trust policy', async () => {
    const { code, doc } = await canJson(`arn:aws:iam::${ML}:user/security-lead`, 'sts:AssumeRole', role('break-glass-admin'));
    expect(code).toBe(4);
    expect(doc.residual).toEqual(['Bool aws:MultiFactorAuthPresent true']);
    expect(doc.allowedBy.map((s: { policyKind: string }) => s.policyKind)).toEqual(['trust']);
  });

  it('a bucket-policy Deny: denied with the deciding statement, exit 1', async () => {
    const { code, doc } = await canJson(role('acme-report-export-role'), 's3:GetObject', 'arn:aws:s3:::acme-model-artifacts/fraud-scorer/v4/model.tar.gz');
    expect(code).toBe(1);
    expect(doc).toMatchObject({ decision: 'denied', denyReason: 'explicit-deny' });
    expect(doc.deniedBy.map((s: { policy: string; sid?: string }) => [s.policy, s.sid])).toEqual([['arn:aws:s3:::acme-model-artifacts#resource-policy', 'DenyReportExportRoleSEC2291']]);
  });

  it('a bucket requiring TLS: conditional on aws:SecureTransport, which the caller sets; exit 4', async () => {
    const { code, doc } = await canJson(role('acme-sagemaker-training-role'), 's3:GetObject', 'arn:aws:s3:::acme-training-data-pii/part-0.parquet');
    expect(code).toBe(4);
    expect(doc).toMatchObject({ decision: 'conditional', residual: ['BoolIfExists aws:SecureTransport true'], callerSetKeys: ['aws:securetransport'], at: '2026-11-02T08:00:00Z' });
  });

  it('the same request stating TLS with --context: allowed, exit 0', async () => {
    const { code, doc } = await canJson(role('acme-sagemaker-training-role'), 's3:GetObject', 'arn:aws:s3:::acme-training-data-pii/part-0.parquet', '--context', 'aws:SecureTransport=true');
    expect(code).toBe(0);
    expect(doc).toMatchObject({ decision: 'allowed', callerSetKeys: [] });
  });

  it('decides as of --at, and says which time it used', async () => {
    const { doc } = await canJson(role('acme-chat-api-role'), 'iam:PassRole', role('acme-sagemaker-training-role'), '--at', '2027-01-15');
    expect(doc.at).toBe('2027-01-15T00:00:00Z');
    // A residual on a service key the request sets names it too.
    expect(doc.callerSetKeys).toEqual(['iam:passedtoservice']);
  });

  it('evaluates an assumed-role session as its role, and says so', async () => {
    const { doc } = await canJson(`arn:aws:sts::${ML}:assumed-role/acme-chat-api-role/session-1`, 'iam:PassRole', role('acme-sagemaker-training-role'));
    expect(doc).toMatchObject({ principal: role('acme-chat-api-role'), notes: ['session-evaluated-as-role'] });
  });

  it('prints a table by default, headed by the decision', async () => {
    const run = await runCli(['can', role('acme-chat-api-role'), 'iam:PassRole', role('acme-sagemaker-training-role'), DEMO]);
    expect(run.code).toBe(4);
    expect(run.stdout.split('\n')[0]).toBe('blastpath can: conditional: allowed only if the residual holds');
    expect(run.stdout).toContain('StringEquals iam:PassedToService sagemaker.amazonaws.com');
  });

  it('gives the same bytes on every run', async () => {
    const args = ['can', `arn:aws:iam::${ML}:user/security-lead`, 'sts:AssumeRole', role('break-glass-admin'), DEMO, '--format', 'json'];
    expect((await runCli(args)).stdout).toBe((await runCli(args)).stdout);
  });

  it.each([
    ['an unknown principal', [role('no-such-role'), 's3:GetObject', '*'], 'principal'],
    ['an action the catalog does not know', [role('acme-chat-api-role'), 's3:GetObjekt', '*'], 'action'],
    ['a wildcard action', [role('acme-chat-api-role'), 's3:Get*', '*'], 'action'],
    ['a --context without =', [role('acme-chat-api-role'), 's3:GetObject', '*', '--context', 'aws:SourceIp'], 'key=value'],
    ['an --at that is not a date', [role('acme-chat-api-role'), 's3:GetObject', '*', '--at', 'yesterday'], 'ISO 8601'],
  ])('exits 2 on %s', async (_what, args, mention) => {
    const run = await runCli(['can', ...args, DEMO]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(mention);
  });
});
