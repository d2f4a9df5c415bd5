/**
 * A full collection of the recorded organization (fixtures/aws-api/org) through real AWS SDK
 * clients and the local server: what lands in the snapshot, that every listing was read to its
 * last page, and that coverage records what happened. The server pages every listing two items
 * at a time, so most calls here are paginated.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOutOfScope } from '../../src/collect/index.js';
import { validateSnapshot, type AccountData, type Snapshot } from '../../src/snapshot/index.js';
import { actionFor } from './actions.js';
import { collectFrom, MANAGEMENT, MEMBER, startOrgServer, UNASSUMABLE } from './helpers.js';
import { OPERATIONS } from './server/operations.js';
import type { AwsServer } from './server/index.js';

let server: AwsServer;
let snapshot: Snapshot;
let management: AccountData;

beforeAll(async () => {
  server = await startOrgServer();
  const result = await collectFrom(server, { orgRole: 'blastpath-readonly' });
  snapshot = result.snapshot;
  management = snapshot.accounts.find((a) => a.accountId === MANAGEMENT)!;
});
afterAll(() => server.close());

const east = () => management.regions['us-east-1']!;
const names = (list: ReadonlyArray<Record<string, unknown>> | undefined, field: string) => (list ?? []).map((item) => item[field]);

describe('collect: the recorded organization', () => {
  it('collects the caller and each assumable member, and records the unassumable one as a gap', () => {
    expect(snapshot.accounts.map((a) => a.accountId)).toEqual([MANAGEMENT, MEMBER]);
    expect(management.alias).toBe('acme-ml-platform');
    const gaps = snapshot.coverage.filter((r) => r.outcome !== 'ok' && !isOutOfScope(r));
    expect(gaps).toEqual([
      expect.objectContaining({ accountId: UNASSUMABLE, service: 'sts', operation: 'AssumeRole', outcome: 'denied', resource: `arn:aws:iam::${UNASSUMABLE}:role/blastpath-readonly` }),
    ]);
  });

  it('says which snapshot sections it has no collector for, in every account it collected', () => {
    const unsupported = snapshot.coverage.filter((r) => r.outcome === 'not-collected' && isOutOfScope(r));
    expect(unsupported.map((r) => `${r.accountId} ${r.service}`)).toEqual(
      [MANAGEMENT, MEMBER].flatMap((account) => ['glue'].map((service) => `${account} ${service}`)),
    );
  });

  it('is a valid snapshot that survives a round trip through JSON', () => {
    expect(validateSnapshot(JSON.parse(JSON.stringify(snapshot)), 'collected.json')).toEqual(snapshot);
  });

  it.each([
    ['IAM users', () => names(management.iam?.AuthorizationDetails.UserDetailList, 'UserName'), ['alice', 'bob', 'carol']],
    ['IAM groups', () => names(management.iam?.AuthorizationDetails.GroupDetailList, 'GroupName'), ['data-scientists']],
    ['IAM roles', () => names(management.iam?.AuthorizationDetails.RoleDetailList, 'RoleName'), ['sagemaker-execution', 'lambda-inference', 'github-deploy', 'ec2-app']],
    ['managed policies', () => names(management.iam?.AuthorizationDetails.Policies, 'PolicyName'), ['ml-read', 'AdministratorAccess']],
    ['access keys of every user, every page', () => names(management.iam?.AccessKeyMetadata, 'AccessKeyId'), ['AKIAALICEEXAMPLE0001', 'AKIABOBEXAMPLE000001', 'AKIABOBEXAMPLE000002', 'AKIABOBEXAMPLE000003']],
    ['long-term Bedrock API keys of every user (ServiceName bedrock.amazonaws.com)', () => management.iam?.ServiceSpecificCredentials?.map((c) => [c.UserName, c.ServiceSpecificCredentialId, c.Status]), [['alice', 'ACCAALICEBEDROCK0001EXAMPLE', 'Active']]],
    ['OIDC providers, described', () => names(management.iam?.OpenIDConnectProviders, 'Url'), ['token.actions.githubusercontent.com']],
    ['SAML providers', () => names(management.iam?.SAMLProviders, 'Arn'), [`arn:aws:iam::${MANAGEMENT}:saml-provider/okta`]],
    ['buckets', () => names(management.s3?.Buckets, 'Name'), ['acme-model-artifacts', 'acme-public-site', 'acme-training-data']],
    ['regions enabled for the account', () => Object.keys(management.regions), ['eu-west-1', 'us-east-1']],
    ['Lambda functions', () => names(east().Lambda?.Functions, 'FunctionName'), ['chat-frontend', 'nightly-report', 'feature-sync']],
    ['Auto Scaling groups with the instance profile of the template version they launch', () => east().AutoScaling?.AutoScalingGroups?.map((g) => [g.AutoScalingGroupName, g.LaunchTemplate?.Version, g.LaunchTemplateVersions?.map((v) => v.IamInstanceProfile?.Arn)]), [['app-fleet', '$Default', [`arn:aws:iam::${MANAGEMENT}:instance-profile/ec2-app`]]]],
    ['CloudFormation stacks', () => names(east().CloudFormation?.Stacks, 'RoleARN'), [`arn:aws:iam::${MANAGEMENT}:role/ec2-app`]],
    ['stack sets, described, with the accounts of their instances', () => east().CloudFormation?.StackSets?.map((s) => [s.StackSetName, s.PermissionModel, s.ExecutionRoleName, s.StackInstances?.map((i) => i.Account)]), [['org-baseline', 'SELF_MANAGED', 'AWSCloudFormationStackSetExecutionRole', ['222222222222']]]],
    ['Lambda functions in another region', () => names(management.regions['eu-west-1']?.Lambda?.Functions, 'FunctionName'), ['eu-batch']],
    ['secrets', () => names(east().SecretsManager?.SecretList, 'Name'), ['prod/openai', 'prod/db']],
    ['SSM parameters', () => names(east().SSM?.Parameters, 'Name'), ['/prod/db/url', '/prod/db/password']],
    ['KMS keys', () => east().KMS?.Keys.map((k) => k.KeyMetadata.KeyId), ['1234abcd-12ab-34cd-56ef-1234567890ab']],
    ['notebook instances', () => names(east().SageMaker?.NotebookInstances, 'RoleArn'), [`arn:aws:iam::${MANAGEMENT}:role/sagemaker-execution`]],
    ['lifecycle configurations', () => names(east().SageMaker?.NotebookInstanceLifecycleConfigs, 'NotebookInstanceLifecycleConfigName'), ['setup-deps']],
    ['Studio domains', () => names(east().SageMaker?.Domains, 'AuthMode'), ['IAM']],
    ['user profiles', () => names(east().SageMaker?.UserProfiles, 'UserProfileArn'), [`arn:aws:sagemaker:us-east-1:${MANAGEMENT}:user-profile/d-abc123/alice`]],
    ['endpoints', () => names(east().SageMaker?.Endpoints, 'EndpointConfigName'), ['llm-prod-config']],
    ['endpoint configs', () => east().SageMaker?.EndpointConfigs.flatMap((c) => c.ProductionVariants.map((v) => v.ModelName)), ['llm-v3']],
    ['models', () => names(east().SageMaker?.Models, 'ExecutionRoleArn'), [`arn:aws:iam::${MANAGEMENT}:role/sagemaker-execution`]],
    ['training jobs, newest first', () => names(east().SageMaker?.TrainingJobs, 'TrainingJobName'), ['fine-tune-3', 'fine-tune-2', 'fine-tune-1']],
    ['processing jobs', () => names(east().SageMaker?.ProcessingJobs, 'ProcessingJobName'), ['prep-corpus']],
    ['pipelines', () => names(east().SageMaker?.Pipelines, 'RoleArn'), [`arn:aws:iam::${MANAGEMENT}:role/sagemaker-execution`]],
    ['REST APIs', () => names(east().ApiGateway?.RestApis, 'name'), ['inference-api']],
    ['HTTP APIs', () => names(east().ApiGatewayV2?.Apis, 'Name'), ['chat-http']],
    ['Bedrock agents', () => names(east().Bedrock?.Agents, 'agentResourceRoleArn'), [`arn:aws:iam::${MANAGEMENT}:role/lambda-inference`]],
    ['Bedrock knowledge bases', () => names(east().Bedrock?.KnowledgeBases, 'roleArn'), [`arn:aws:iam::${MANAGEMENT}:role/sagemaker-execution`]],
    ['Bedrock custom models', () => names(east().Bedrock?.CustomModels, 'modelName'), ['support-tuned']],
    ['EKS clusters', () => names(east().EKS?.Clusters, 'name'), ['ml-serving']],
    ['CloudTrail trails', () => names(east().CloudTrail?.Trails, 'Name'), ['org-audit', 'legacy-east']],
    ['CloudTrail trails in a region without recordings', () => names(management.regions['eu-west-1']?.CloudTrail?.Trails, 'Name'), []],
    ['EC2 instances from every reservation', () => names(east().EC2?.Instances, 'InstanceId'), ['i-0aaaaaaaaaaaaaaa1', 'i-0bbbbbbbbbbbbbbb2']],
    ['ECR repositories', () => names(east().ECR?.Repositories, 'repositoryName'), ['llm', 'base']],
    ['member account roles', () => names(snapshot.accounts[1]?.iam?.AuthorizationDetails.RoleDetailList, 'RoleName'), ['blastpath-readonly', 'batch-scoring']],
  ])('%s', (_name, read, expected) => {
    expect(read()).toEqual(expected);
  });

  it('nests per-resource answers where the snapshot format puts them, and leaves "none" absent', () => {
    const bucket = (name: string) => management.s3?.Buckets.find((b) => b.Name === name);
    expect(bucket('acme-training-data')).toMatchObject({
      Location: { LocationConstraint: 'eu-west-1' },
      Tagging: { TagSet: [{ Key: 'data-classification', Value: 'confidential' }] },
      PublicAccessBlock: { PublicAccessBlockConfiguration: { BlockPublicPolicy: true } },
      Encryption: { ServerSideEncryptionConfiguration: { Rules: [expect.objectContaining({ BucketKeyEnabled: true })] } },
    });
    expect(bucket('acme-training-data')).not.toHaveProperty('Policy');
    expect(bucket('acme-public-site')).toMatchObject({ Policy: { Policy: { Statement: [expect.objectContaining({ Principal: '*' })] } }, PolicyStatus: { PolicyStatus: { IsPublic: true } } });
    expect(management.s3?.AccountPublicAccessBlock?.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    expect(snapshot.accounts[1]?.s3).not.toHaveProperty('AccountPublicAccessBlock');

    const fn = east().Lambda?.Functions.find((f) => f.FunctionName === 'chat-frontend');
    expect(fn).toMatchObject({ FunctionUrlConfigs: [{ AuthType: 'NONE' }], Tags: { team: 'genai' }, Policy: { Id: 'default' } });
    expect(east().Lambda?.Functions.find((f) => f.FunctionName === 'feature-sync')).not.toHaveProperty('Policy');
    expect(management.iam?.AccessKeyMetadata?.[0]).toMatchObject({ AccessKeyLastUsed: { ServiceName: 's3', Region: 'us-east-1' } });
    expect(east().SecretsManager?.SecretList.map((s) => s.ResourcePolicy !== undefined)).toEqual([true, false]);
    expect(east().SSM?.Parameters[1]?.TagList).toEqual([{ Key: 'data-classification', Value: 'restricted' }]);
    expect(east().KMS?.Keys[0]).toMatchObject({ Policy: { Statement: [expect.any(Object)] }, Tags: [{ TagKey: 'purpose' }], Grants: [{ GranteePrincipal: `arn:aws:iam::${MANAGEMENT}:role/sagemaker-execution` }] });
    expect(east().ApiGateway?.RestApis[0]).toMatchObject({ Stages: [{ stageName: 'prod' }], Authorizers: [{ id: 'auth01' }] });
    expect(east().ApiGateway?.RestApis[0]?.Resources?.find((r) => r.path === '/predict')?.resourceMethods?.['POST']?.methodIntegration?.uri).toContain(':function:chat-frontend/');
    expect(east().ApiGatewayV2?.Apis[0]).toMatchObject({ Routes: [{ RouteKey: 'POST /chat' }, { RouteKey: 'POST /history', AuthorizerId: 'jwt1' }], Integrations: [{ IntegrationType: 'AWS_PROXY' }], Stages: [{ StageName: '$default' }] });
    expect(east().Bedrock?.Agents[0]).toMatchObject({ ActionGroups: [{ actionGroupExecutor: { lambda: expect.stringContaining(':function:feature-sync') } }], Aliases: [{ agentAliasId: 'ALIAS00001' }], KnowledgeBases: [{ knowledgeBaseId: 'KB00000001' }] });
    expect(east().Bedrock?.KnowledgeBases[0]?.DataSources?.[0]?.dataSourceConfiguration?.s3Configuration?.bucketArn).toBe('arn:aws:s3:::acme-training-data');
    expect(east().Bedrock?.ModelInvocationLoggingConfiguration?.s3Config?.bucketName).toBe('acme-model-artifacts');
    expect(management.regions['eu-west-1']?.Bedrock).not.toHaveProperty('ModelInvocationLoggingConfiguration');
    const trail = (name: string) => east().CloudTrail?.Trails.find((t) => t.Name === name);
    expect(trail('org-audit')).toMatchObject({ IsOrganizationTrail: true, IsMultiRegionTrail: true, Status: { IsLogging: true } });
    expect(trail('org-audit')?.EventSelectors?.AdvancedEventSelectors?.[1]?.FieldSelectors).toContainEqual({ Field: 'resources.type', Equals: ['AWS::S3::Object'] });
    expect(trail('legacy-east')).toMatchObject({ Status: { IsLogging: false }, EventSelectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] } });
    expect(east().EKS?.Clusters[0]).toMatchObject({
      resourcesVpcConfig: { endpointPublicAccess: true },
      AccessEntries: [{ principalArn: `arn:aws:iam::${MANAGEMENT}:role/github-deploy`, AssociatedAccessPolicies: [{ policyArn: expect.stringContaining('AmazonEKSClusterAdminPolicy') }] }],
      PodIdentityAssociations: [{ serviceAccount: 'model-server', roleArn: `arn:aws:iam::${MANAGEMENT}:role/sagemaker-execution` }],
    });
    expect(east().EC2?.Instances[0]).toMatchObject({ IamInstanceProfile: { Arn: `arn:aws:iam::${MANAGEMENT}:instance-profile/ec2-app` }, PublicIpAddress: '203.0.113.10', MetadataOptions: { HttpTokens: 'optional' } });
    expect(east().ECR?.Repositories.map((r) => r.policyText !== undefined)).toEqual([true, false]);
  });

  it('stores the organization: every OU level with its parent, accounts with parents, SCPs and RCPs with content and targets', () => {
    const org = snapshot.organization!;
    expect(org.OrganizationalUnits.map((ou) => [ou.Id, ou.Parents.map((p) => p.Id)])).toEqual([
      ['ou-root-prod', ['r-root']],
      ['ou-prod-ml', ['ou-root-prod']],
      ['ou-root-sandbox', ['r-root']],
    ]);
    expect(org.Accounts.find((a) => a.Id === MEMBER)?.Parents).toEqual([{ Id: 'ou-prod-ml', Type: 'ORGANIZATIONAL_UNIT' }]);
    expect(org.Policies.map((p) => [p.PolicySummary.Id, p.PolicySummary.Type, p.Targets.map((t) => t.TargetId)])).toEqual([
      ['p-FullAWSAccess', 'SERVICE_CONTROL_POLICY', ['r-root']],
      ['p-denyleave', 'SERVICE_CONTROL_POLICY', ['ou-root-prod']],
      ['p-RCPFullAWSAccess', 'RESOURCE_CONTROL_POLICY', ['r-root']],
    ]);
    expect(org.Policies[1]?.Content).toMatchObject({ Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization' }] });
  });

  it('never writes a secret from configuration: environment variables and lifecycle scripts are redacted', () => {
    const text = JSON.stringify(snapshot);
    for (const secret of ['sk-proj-Xb7kQ2mN9pL4vR8sT1wY6zA3cD5fG0hJ', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY', 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789']) {
      expect(text).not.toContain(secret);
    }
    expect(east().Lambda?.Functions[0]?.Environment?.Variables?.['OPENAI_API_KEY']).toMatch(/^<redacted:openai-api-key sha256:[0-9a-f]{12}>$/);
    const script = east().SageMaker?.NotebookInstanceLifecycleConfigs[0]?.OnStart?.[0]?.Content ?? '';
    const decoded = Buffer.from(script, 'base64').toString('utf8');
    expect(decoded).toContain('<redacted:huggingface-token');
    expect(decoded).toContain('pip install -r /home/ec2-user/requirements.txt');
  });

  it('keeps neither the template nor the parameter values of a stack set, only parameter keys, nor launch template user data', () => {
    const text = JSON.stringify(snapshot);
    for (const secret of ['recorded-template-never-kept', 'recorded-stackset-parameter-never-kept']) expect(text).not.toContain(secret);
    // Nor the user data of a launch template version (base64 of `echo recorded-user-data-never-kept`).
    expect(text).not.toContain('cmVjb3JkZWQtdXNlci1kYXRhLW5ldmVyLWtlcHQ');
    expect(east().AutoScaling?.AutoScalingGroups?.[0]?.LaunchTemplateVersions?.[0]).not.toHaveProperty('LaunchTemplateData');
    const set = east().CloudFormation?.StackSets?.[0];
    expect(set).not.toHaveProperty('TemplateBody');
    expect(set?.Parameters).toEqual([{ ParameterKey: 'AlertToken' }]);
  });

  it('reads every listing to its last page', () => {
    // Group the server's log by listing (operation, account, region, resource); each group must
    // have asked for pages 1..n with no page skipped. (A page asked twice is a retry: allowed.)
    const groups = new Map<string, number[]>();
    for (const call of server.calls.filter((c) => OPERATIONS[c.service]?.[c.operation]?.list?.tokenIn)) {
      const key = [call.service, call.operation, call.account, call.region, call.key].join('|');
      groups.set(key, [...new Set([...(groups.get(key) ?? []), call.page])]);
    }
    const gaad = groups.get(['iam', 'GetAccountAuthorizationDetails', MANAGEMENT, 'us-east-1', undefined].join('|'));
    expect(gaad).toEqual([1, 2, 3, 4, 5]); // 3 users + 1 group + 4 roles + 2 policies, 2 per page
    expect(groups.get(['iam', 'ListAccessKeys', MANAGEMENT, 'us-east-1', 'bob'].join('|'))).toEqual([1, 2]);
    for (const [key, pages] of groups) {
      const sorted = [...pages].sort((a, b) => a - b);
      expect(sorted, key).toEqual(sorted.map((_, i) => i + 1));
    }
    // And each listing's last page said no more follow: the server's page count for bob's keys is 2.
    expect(management.iam?.AccessKeyMetadata?.filter((k) => k.UserName === 'bob')).toHaveLength(3);
  });

  it('asks each bucket\'s own region for its configuration', () => {
    const policyCalls = server.calls.filter((c) => c.operation === 'GetBucketPolicy').map((c) => [c.key, c.region]);
    expect(policyCalls).toEqual(expect.arrayContaining([['acme-training-data', 'eu-west-1'], ['acme-public-site', 'us-west-2'], ['acme-model-artifacts', 'us-east-1']]));
  });

  it('records one ok per operation and service that answered, and uses only actions the read-only policy grants', () => {
    const ok = snapshot.coverage.filter((r) => r.outcome === 'ok' && r.accountId === MANAGEMENT);
    expect(ok).toContainEqual({ accountId: MANAGEMENT, service: 'iam', operation: 'GetAccountAuthorizationDetails', outcome: 'ok' });
    expect(ok).toContainEqual({ accountId: MANAGEMENT, region: 'eu-west-1', service: 'lambda', operation: 'ListFunctions', outcome: 'ok' });
    expect(ok.filter((r) => r.operation === 'GetBucketPolicy')).toHaveLength(1);
    const policy = JSON.parse(readFileSync('docs/blastpath-readonly-policy.json', 'utf8')) as { Statement: Array<{ Action: string[] }> };
    const granted = new Set(policy.Statement.flatMap((s) => s.Action));
    const called = new Set(server.calls.map((c) => actionFor(c.service, c.operation)));
    expect([...called].filter((action) => !granted.has(action))).toEqual([]);
  });
});
