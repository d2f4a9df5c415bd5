/**
 * Scope and organization scenarios: which accounts and regions a run covers, what it says
 * about the ones it skips, and how it copes with answers it cannot store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CollectionError, CollectionInterrupted, isOutOfScope } from '../../src/collect/index.js';
import { NOT_REQUESTED } from '../../src/collect/scope.js';
import type { Snapshot } from '../../src/snapshot/index.js';
import { collectFrom, MANAGEMENT, MEMBER, startOrgServer } from './helpers.js';
import type { AwsServer, World } from './server/index.js';

let server: AwsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const gaps = (snapshot: Snapshot) => snapshot.coverage.filter((r) => r.outcome !== 'ok' && !isOutOfScope(r));
const recording = (world: World, place: string, service: string) => world.accounts[MANAGEMENT]![place]![service] as Record<string, unknown>;

describe('collect: organizations', () => {
  it('--accounts limits the members collected; the organization still comes from the caller', async () => {
    server = await startOrgServer();
    const { snapshot } = await collectFrom(server, { orgRole: 'blastpath-readonly', accounts: [MEMBER], services: ['organizations', 'iam'] });
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual([MEMBER]);
    expect(snapshot.organization?.Accounts).toHaveLength(4);
    expect(gaps(snapshot)).toEqual([]);
  });

  it('an account outside any organization has no organization and no gap for it', async () => {
    server = await startOrgServer({ edit: (world) => delete world.accounts[MANAGEMENT]!['global']!['organizations'] });
    const { snapshot } = await collectFrom(server, { services: ['organizations', 'iam'] });
    expect(snapshot).not.toHaveProperty('organization');
    expect(gaps(snapshot)).toEqual([]);
  });

  it('a member account (ListRoots denied) stores no partial organization, and says why', async () => {
    server = await startOrgServer({ faults: [{ fault: 'denied', service: 'organizations', operation: 'ListRoots' }] });
    const { snapshot } = await collectFrom(server, { services: ['organizations'] });
    expect(snapshot).not.toHaveProperty('organization');
    expect(gaps(snapshot).map((g) => [g.service, g.operation, g.outcome])).toEqual([
      ['organizations', '*', 'not-collected'],
      ['organizations', 'ListRoots', 'denied'],
    ]);
  });

  it('one SCP whose targets cannot be read keeps the whole organization out', async () => {
    server = await startOrgServer({ faults: [{ fault: 'denied', service: 'organizations', operation: 'ListTargetsForPolicy', key: 'p-denyleave' }] });
    const { snapshot } = await collectFrom(server, { services: ['organizations'] });
    expect(snapshot).not.toHaveProperty('organization');
    expect(gaps(snapshot).map((g) => [g.operation, g.outcome, g.resource])).toEqual([
      ['*', 'not-collected', undefined],
      ['ListTargetsForPolicy', 'denied', 'p-denyleave'],
    ]);
  });

  it('with --org-role but no way to list members, says so and collects the caller', async () => {
    server = await startOrgServer({ faults: [{ fault: 'denied', service: 'organizations', operation: 'ListAccounts' }] });
    const { snapshot } = await collectFrom(server, { orgRole: 'blastpath-readonly', services: ['organizations', 'iam'] });
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual([MANAGEMENT]);
    expect(gaps(snapshot).map((g) => [g.operation, g.outcome])).toEqual(expect.arrayContaining([['ListAccounts', 'denied'], ['ListAccounts', 'not-collected']]));
  });
});

describe('collect: regions and scope', () => {
  it('a requested region the account has not enabled is a gap for every regional service', async () => {
    server = await startOrgServer();
    const { snapshot } = await collectFrom(server, { regions: ['ap-south-2', 'us-east-1'], services: ['lambda', 'kms'] });
    expect(Object.keys(snapshot.accounts[0]!.regions)).toEqual(['us-east-1']);
    expect(gaps(snapshot).map((g) => [g.region, g.service, g.outcome])).toEqual([
      ['ap-south-2', 'kms', 'not-collected'],
      ['ap-south-2', 'lambda', 'not-collected'],
    ]);
  });

  it('when enabled regions cannot be listed, collects the home region and says so', async () => {
    server = await startOrgServer({ faults: [{ fault: 'denied', service: 'ec2', operation: 'DescribeRegions' }] });
    const { snapshot } = await collectFrom(server, { services: ['lambda'] });
    expect(Object.keys(snapshot.accounts[0]!.regions)).toEqual(['us-east-1']);
    expect(gaps(snapshot).map((g) => [g.service, g.operation, g.outcome])).toEqual([
      ['ec2', 'DescribeRegions', 'denied'],
      ['lambda', '*', 'not-collected'],
    ]);
  });

  it('--services leaves the others out, recorded as chosen, not failed', async () => {
    server = await startOrgServer();
    const { snapshot } = await collectFrom(server, { services: ['iam'] });
    expect(Object.keys(snapshot.accounts[0]!)).toEqual(['accountId', 'partition', 'alias', 'iam', 'regions']);
    const chosen = snapshot.coverage.filter((r) => isOutOfScope(r) && r.message === NOT_REQUESTED).map((r) => r.service);
    expect(chosen).toEqual([
      'apigateway', 'apprunner', 'autoscaling', 'bedrock', 'bedrock-agentcore', 'cloudformation', 'cloudtrail', 'codebuild', 'cognito-identity', 'cognito-idp', 'ec2', 'ecr', 'ecs', 'eks',
      'elasticloadbalancing', 'kms', 'lambda', 'organizations', 's3', 'sagemaker', 'secretsmanager', 'ssm',
    ]);
    expect(server.calls.map((c) => c.service).filter((s) => s !== 'iam' && s !== 'sts')).toEqual([]);
  });

  it('--recent-jobs keeps the newest training jobs and records that older ones exist', async () => {
    server = await startOrgServer();
    const { snapshot } = await collectFrom(server, { services: ['sagemaker'], regions: ['us-east-1'], recentJobs: 2 });
    expect(snapshot.accounts[0]?.regions['us-east-1']?.SageMaker?.TrainingJobs.map((j) => j.TrainingJobName)).toEqual(['fine-tune-3', 'fine-tune-2']);
    const limited = snapshot.coverage.filter((r) => r.operation === 'ListTrainingJobs' && r.outcome !== 'ok');
    expect(limited).toEqual([expect.objectContaining({ region: 'us-east-1', service: 'sagemaker', outcome: 'not-collected', message: expect.stringMatching(/--recent-jobs/) })]);
    expect(limited.every(isOutOfScope)).toBe(true);
    expect(gaps(snapshot)).toEqual([]);
    expect(server.calls.filter((c) => c.operation === 'DescribeTrainingJob').map((c) => c.key)).toEqual(['fine-tune-3', 'fine-tune-2']);
  });
});

describe('collect: answers that cannot be stored, and runs that cannot start', () => {
  it('leaves out a resource the snapshot format cannot hold, with a gap naming it', async () => {
    server = await startOrgServer({
      edit: (world) => {
        const functions = (recording(world, 'us-east-1', 'lambda')['ListFunctions'] as { Functions: Array<Record<string, unknown>> }).Functions;
        delete functions[1]!['Role'];
      },
    });
    const { snapshot } = await collectFrom(server, { services: ['lambda'], regions: ['us-east-1'] });
    expect(snapshot.accounts[0]?.regions['us-east-1']?.Lambda?.Functions.map((f) => f.FunctionName)).toEqual(['chat-frontend', 'feature-sync']);
    expect(gaps(snapshot)).toEqual([
      expect.objectContaining({ region: 'us-east-1', service: 'lambda', operation: '*', outcome: 'failed', resource: `arn:aws:lambda:us-east-1:${MANAGEMENT}:function:nightly-report` }),
    ]);
    expect(gaps(snapshot)[0]?.message).toMatch(/^left out: the response does not fit the snapshot format at accounts\[0\]\.regions\.us-east-1\.Lambda\.Functions\[1\]\.Role/);
  });

  it('an organization policy the format cannot hold keeps the whole organization out, never part of it', async () => {
    server = await startOrgServer({
      edit: (world) => {
        const described = recording(world, 'global', 'organizations')['DescribePolicy'] as Record<string, { Policy: { Content: string } }>;
        described['p-denyleave']!.Policy.Content = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', NotAction: 's3:*', Resource: '*' }] });
      },
    });
    const { snapshot } = await collectFrom(server, { services: ['organizations'] });
    expect(snapshot).not.toHaveProperty('organization');
    expect(gaps(snapshot)).toEqual([expect.objectContaining({ accountId: MANAGEMENT, service: 'organizations', operation: '*', outcome: 'failed' })]);
    expect(gaps(snapshot)[0]?.message).toMatch(/^left out: the response does not fit the snapshot format at organization\.Policies\[1\]\.Content/);
  });

  it('credentials that do not work stop the run before anything is collected', async () => {
    server = await startOrgServer();
    const run = collectFrom(server, { credentials: { accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 'x' } });
    await expect(run).rejects.toThrow(CollectionError);
    await expect(run).rejects.toThrow(/^credentials: cannot tell which account these credentials belong to \(sts:GetCallerIdentity\): InvalidClientTokenId/);
  });

  it('an aborted run rejects with CollectionInterrupted, promptly', async () => {
    server = await startOrgServer({ latencyMs: 50 });
    const controller = new AbortController();
    const started = Date.now();
    const run = collectFrom(server, { signal: controller.signal, onProgress: (event) => event.kind === 'account-start' && controller.abort() });
    await expect(run).rejects.toThrow(CollectionInterrupted);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
