/**
 * The technique step skips the evaluator for a target whose grant is impossible
 * (requirements.ts, askIfPossible). A resource policy may name the caller in ways a list of
 * named ARNs misses: a session ARN of the caller's role, or NotPrincipal. The skip must match
 * principals as the evaluator does, or such a caller loses its edge. Here the function policy
 * is the only grant of the Lambda actions of lambda-update-function-role. Relations whose callers
 * are found per candidate (callers.ts) read the same policy forms: an ECR repository policy.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { edgesOf } from './helpers.js';

const ACCT = '111111111111';
const ATTACKER = `arn:aws:iam::${ACCT}:role/attacker`;
const TARGET = `arn:aws:iam::${ACCT}:role/target-lambda-admin-role`;
const FUNCTION = `arn:aws:lambda:us-east-1:${ACCT}:function:report`;
const ACTIONS = ['lambda:UpdateFunctionConfiguration', 'lambda:UpdateFunctionCode'];
const dir = mkdtempSync(join(tmpdir(), 'blastpath-resource-policy-skip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An account of a snapshot file as the fixtures hold it: raw AWS JSON, read and changed by hand. */
type RawAccount = any;

/** A rule's vulnerable fixture, changed by `edit`, built (written as `name`.json so that loading reads it as users' files are read). */
async function builtAfter(rule: string, name: string, edit: (account: RawAccount) => void) {
  const snapshot = JSON.parse(readFileSync(`fixtures/rules/${rule}/vulnerable.json`, 'utf8'));
  edit(snapshot.accounts[0]);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(snapshot));
  return buildGraph(await loadInputs([file]), loadRules());
}

/** The attacker role's inline statements, keeping only those `keep` accepts. */
function keepAttackerStatements(account: RawAccount, keep: (action: unknown) => boolean): void {
  const attacker = account.iam.AuthorizationDetails.RoleDetailList.find((r: { Arn: string }) => r.Arn === ATTACKER);
  const document = attacker.RolePolicyList[0].PolicyDocument;
  document.Statement = document.Statement.filter((s: { Action: unknown }) => keep(s.Action));
}

/** The rule's vulnerable fixture with the caller's Lambda statement moved into the function policy as `statement`. */
async function lambdaEdges(name: string, statement: Record<string, unknown>) {
  const built = await builtAfter('lambda-update-function-role', name, (account) => {
    keepAttackerStatements(account, (action) => action === 'iam:PassRole');
    account.regions['us-east-1'].Lambda.Functions[0].Policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ACTIONS, Resource: FUNCTION, ...statement }] };
  });
  return edgesOf(built, 'escalation')
    .filter((e) => e.attrs.technique === 'lambda-update-function-role')
    .map((e) => [e.from, e.to]);
}

describe('the evaluator skip of resource-policy grants', () => {
  it('keeps the edge when the function policy names a session of the caller role', async () => {
    expect(await lambdaEdges('session', { Principal: { AWS: `arn:aws:sts::${ACCT}:assumed-role/attacker/build` } })).toEqual([[ATTACKER, TARGET]]);
  });

  it('keeps the edge when the function policy allows everyone but another principal (NotPrincipal)', async () => {
    expect(await lambdaEdges('not-principal', { NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:role/report-fn-role` } })).toEqual([[ATTACKER, TARGET]]);
  });

  it('gives no edge when the policy names only another role session or exempts the caller (its account and ARN, as AWS requires)', async () => {
    expect(await lambdaEdges('other-session', { Principal: { AWS: `arn:aws:sts::${ACCT}:assumed-role/report-fn-role/build` } })).toEqual([]);
    expect(await lambdaEdges('excluded', { NotPrincipal: { AWS: [`arn:aws:iam::${ACCT}:root`, ATTACKER] } })).toEqual([]);
  });
});

/** sts-assume-role's vulnerable fixture with a role `builder` and the target's trust naming `principal`. */
async function assumeEdges(name: string, principal: string) {
  const built = await builtAfter('sts-assume-role', name, (account) => {
    const roles = account.iam.AuthorizationDetails.RoleDetailList;
    roles[0].AssumeRolePolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] };
    roles.push({
      RoleName: 'builder',
      Arn: `arn:aws:iam::${ACCT}:role/builder`,
      Path: '/',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      RolePolicyList: [],
      AttachedManagedPolicies: [],
    });
  });
  return edgesOf(built, 'can-assume').map((e) => [e.from, e.to]);
}

describe('callers of a trust that names a role session', () => {
  it('finds the session role as a caller of sts-assume-role', async () => {
    expect(await assumeEdges('trust-session', `arn:aws:sts::${ACCT}:assumed-role/builder/ci`)).toEqual([[`arn:aws:iam::${ACCT}:role/builder`, `arn:aws:iam::${ACCT}:role/target-admin-role`]]);
  });

  it('finds no caller when the session is of another role', async () => {
    expect(await assumeEdges('trust-other-session', `arn:aws:sts::${ACCT}:assumed-role/deployer/ci`)).toEqual([]);
  });
});

/** ecr-push-model-image's vulnerable fixture with the upload actions granted only by the repository policy, as `statement`. */
async function pushEdges(name: string, statement: Record<string, unknown>) {
  const built = await builtAfter('ecr-push-model-image', name, (account) => {
    keepAttackerStatements(account, (action) => action === 'ecr:GetAuthorizationToken');
    account.regions['us-east-1'].ECR.Repositories[0].policyText = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: UPLOAD, ...statement }] };
  });
  return edgesOf(built, 'escalation')
    .filter((e) => e.attrs.technique === 'ecr-push-model-image')
    .map((e) => e.from);
}

const UPLOAD = ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:BatchCheckLayerAvailability', 'ecr:PutImage'];

describe('callers found per candidate from a resource policy (callers.ts)', () => {
  it('finds the caller a repository policy names by a session of its role', async () => {
    expect(await pushEdges('ecr-session', { Principal: { AWS: `arn:aws:sts::${ACCT}:assumed-role/attacker/build` } })).toEqual([ATTACKER]);
  });

  it('finds the caller a repository policy admits through NotPrincipal', async () => {
    expect(await pushEdges('ecr-not-principal', { NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:role/llm-exec-role` } })).toEqual([ATTACKER]);
  });

  it('finds no caller when the policy names another role session', async () => {
    expect(await pushEdges('ecr-other-session', { Principal: { AWS: `arn:aws:sts::${ACCT}:assumed-role/llm-exec-role/build` } })).toEqual([]);
  });
});
