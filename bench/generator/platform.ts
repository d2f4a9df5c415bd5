/**
 * Every account's baseline, as a landing zone sets it up: SSO permission-set roles, the
 * OrganizationAccountAccessRole, audit and break-glass roles assumable only from the security
 * account, the ci-deploy role only the central CI hub may assume, service-linked roles, shared
 * customer policies, a permissions boundary, and the usual log and artifact buckets.
 */
import { allow, arn, deny, doc, trust } from './documents.js';
import type { AccountContext, SharedPolicies } from './context.js';
import type { AccountBuilder } from './account.js';
import type { AccountPlan, OrgPlan } from './organization.js';
import { bucket, denyInsecureTransport } from './resources.js';
import { ALPHABETS, token, type Rng } from './random.js';

const SSO_PATH = '/aws-reserved/sso.amazonaws.com/';
const SERVICE_LINKED: Array<[string, string, 'AWSSupportServiceRolePolicy' | 'AWSConfigServiceRolePolicy' | undefined]> = [
  ['AWSServiceRoleForSupport', 'support.amazonaws.com', 'AWSSupportServiceRolePolicy'],
  ['AWSServiceRoleForConfig', 'config.amazonaws.com', 'AWSConfigServiceRolePolicy'],
  ['AWSServiceRoleForOrganizations', 'organizations.amazonaws.com', undefined],
  ['AWSServiceRoleForSSO', 'sso.amazonaws.com', undefined],
  ['AWSServiceRoleForAmazonGuardDuty', 'guardduty.amazonaws.com', undefined],
];

/** Creates the shared customer policies app roles attach. */
export function sharedPolicies(b: AccountBuilder, account: AccountPlan, rng: Rng): SharedPolicies {
  const created = rng.date(2021, 2022);
  const id = account.id;
  return {
    lambdaLogs: b.customerPolicy('app-lambda-logs-write', doc(
      allow('CreateGroups', 'logs:CreateLogGroup', `arn:aws:logs:*:${id}:*`),
      allow('WriteStreams', ['logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:*:${id}:log-group:/aws/lambda/*:*`),
      allow('Tracing', ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*'),
    ), created),
    ecrPull: b.customerPolicy('ecr-pull-internal', doc(
      allow('Token', 'ecr:GetAuthorizationToken', '*'),
      allow('Pull', ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], `arn:aws:ecr:*:${id}:repository/*`),
    ), created),
    sageMakerLogs: b.customerPolicy('sagemaker-job-logs', doc(
      allow('Logs', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], `arn:aws:logs:*:${id}:log-group:/aws/sagemaker/*`),
      allow('Metrics', 'cloudwatch:PutMetricData', '*', { StringLike: { 'cloudwatch:namespace': ['/aws/sagemaker/*', 'ml/*'] } }),
    ), created),
    boundary: b.customerPolicy('developer-boundary', doc(
      allow('ServiceWork', ['s3:*', 'dynamodb:*', 'sqs:*', 'sns:*', 'lambda:*', 'logs:*', 'cloudwatch:*', 'xray:*', 'states:*', 'events:*', 'glue:*', 'athena:*', 'sagemaker:*', 'ecr:*', 'ssm:GetParameter*', 'secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'ec2:Describe*', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface'], '*'),
      allow('PassAppRoles', 'iam:PassRole', `arn:aws:iam::${id}:role/app/*`),
      deny('NoIdentityChanges', ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:CreatePolicyVersion', 'iam:DeleteRolePermissionsBoundary', 'iam:UpdateAssumeRolePolicy'], '*'),
      deny('NoOrganizations', 'organizations:*', '*'),
    ), created),
  };
}

function ssoRoles(ctx: AccountContext, provider: string): void {
  const { b, account } = ctx;
  const sets: Array<[string, string[]]> = [['AdministratorAccess', [b.aws('AdministratorAccess')]], ['ReadOnlyAccess', [b.aws('ReadOnlyAccess')]], ['ViewOnlyAccess', [b.aws('ViewOnlyAccess')]]];
  if (account.env === 'dev' || account.env === 'sandbox') sets.push(['PowerUserAccess', [b.aws('PowerUserAccess')]]);
  if (account.env === 'ml') sets.push(['DataScientist', [b.aws('AmazonSageMakerFullAccess'), ctx.shared.sageMakerLogs]]);
  for (const [set, managed] of sets) {
    b.role({ name: `AWSReservedSSO_${set}_${token(`${account.id}:${set}`, 16, ALPHABETS.hex)}`, path: SSO_PATH, trust: trust.saml(provider), managed, created: ctx.rng.date(2021, 2023) });
  }
}

/** Roles only the security account, the management account or the CI hub can assume. */
function controlRoles(ctx: AccountContext): void {
  const { b, org, account, rng } = ctx;
  const created = () => rng.date(2021, 2024);
  if (account.kind !== 'management') {
    b.role({ name: 'OrganizationAccountAccessRole', trust: trust.aws(arn.root(org.management.id)), managed: [b.aws('AdministratorAccess')], created: created() });
  }
  b.role({ name: 'security-audit', trust: trust.aws(org.auditorRole), managed: [b.aws('SecurityAudit')], description: 'Read-only audit from the security account', created: created() });
  if (account.kind !== 'workload') return;
  b.role({ name: 'break-glass-admin', trust: trust.aws(org.responderRole, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), managed: [b.aws('AdministratorAccess')], created: created() });
  b.role({
    name: 'ci-deploy',
    trust: trust.aws(org.ciHubRole),
    description: 'Deployments from the central CI hub',
    inline: {
      deploy: doc(
        allow('Stacks', ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DescribeStacks', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'], `arn:aws:cloudformation:*:${account.id}:stack/app-*/*`),
        allow('Functions', ['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:PublishVersion', 'lambda:GetFunction'], `arn:aws:lambda:*:${account.id}:function:*`),
        allow('Artifacts', ['s3:GetObject', 's3:PutObject'], arn.objects(ctx.artifactsBucket)),
      ),
    },
    created: created(),
  });
  if (rng.chance(0.35)) {
    const vendor = rng.pick(org.vendors);
    b.role({
      name: `vendor-observability-${vendor.slice(-4)}`,
      trust: trust.aws(arn.root(vendor), { StringEquals: { 'sts:ExternalId': token(`${account.id}:${vendor}`, 24, ALPHABETS.mixedAlnum) } }),
      inline: { metrics: doc(allow('Metrics', ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics', 'cloudwatch:DescribeAlarms', 'tag:GetResources', 'ce:GetCostAndUsage'], '*')) },
      created: created(),
    });
  }
}

/** Adds the baseline of one account. */
export function addPlatform(ctx: AccountContext): void {
  const { b, account, rng, org } = ctx;
  const provider = b.samlProvider(`AWSSSO_${token(`saml:${account.id}`, 16, ALPHABETS.hex)}_DO_NOT_DELETE`);
  ssoRoles(ctx, provider);
  controlRoles(ctx);
  for (const [name, service, policy] of SERVICE_LINKED) {
    b.role({ name, path: `/aws-service-role/${service}/`, trust: trust.service(service), managed: policy ? [b.aws(policy)] : [], created: rng.date(2020, 2022) });
  }
  b.role({ name: 'vpc-flow-logs', trust: trust.service('vpc-flow-logs.amazonaws.com', { StringEquals: { 'aws:SourceAccount': account.id } }), inline: { logs: doc(allow(undefined, ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], `arn:aws:logs:*:${account.id}:log-group:vpc-flow-logs:*`)) }, created: rng.date(2021, 2022) });
  const logsBucket = `${org.company}-access-logs-${account.id}`;
  b.buckets.push(bucket(logsBucket, { region: account.region, created: rng.date(2021, 2022), policy: doc(denyInsecureTransport(logsBucket), { Sid: 'S3ServerAccessLogsPolicy', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: arn.objects(logsBucket), Condition: { StringEquals: { 'aws:SourceAccount': account.id } } }) }));
  b.buckets.push(bucket(ctx.artifactsBucket, { region: account.region, created: rng.date(2021, 2022), policy: doc(denyInsecureTransport(ctx.artifactsBucket)) }));
  if (account.kind === 'security') addSecurityAccount(ctx, provider);
  if (account.kind === 'tooling') addToolingAccount(ctx);
}

function addSecurityAccount(ctx: AccountContext, provider: string): void {
  const { b, org, account, rng } = ctx;
  b.role({ name: 'security-auditor', trust: trust.saml(provider), inline: { audit: doc(allow('AssumeAudit', 'sts:AssumeRole', 'arn:aws:iam::*:role/security-audit')) }, managed: [b.aws('SecurityAudit')], created: rng.date(2021, 2022) });
  b.role({ name: 'incident-responder', trust: trust.saml(provider), inline: { breakglass: doc(allow('BreakGlass', 'sts:AssumeRole', 'arn:aws:iam::*:role/break-glass-admin', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })) }, managed: [b.aws('ReadOnlyAccess')], created: rng.date(2021, 2022) });
  const requireMfa = b.customerPolicy('require-mfa', doc({ Sid: 'DenyAllExceptListedIfNoMFA', Effect: 'Deny', NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }), rng.date(2021, 2021));
  b.group('security-engineers', [b.aws('SecurityAudit'), requireMfa]);
  for (const person of ['a.rivera', 'j.chen', 'm.okafor', 's.lindqvist']) {
    b.user({ name: person, groups: ['security-engineers'], keys: [{ status: 'Inactive' }], created: rng.date(2021, 2024) });
  }
  const trail = `${org.company}-org-cloudtrail-${account.id}`;
  b.buckets.push(bucket(trail, { region: account.region, created: rng.date(2021, 2021), tags: { 'data-classification': 'restricted' }, policy: doc(denyInsecureTransport(trail), { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: arn.objects(trail, 'AWSLogs/'), Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': org.orgId } } }) }));
}

function addToolingAccount(ctx: AccountContext): void {
  const { b, org, rng } = ctx;
  const github = b.oidcProvider('token.actions.githubusercontent.com');
  b.role({
    name: 'github-actions-hub',
    trust: trust.github(github, `repo:${org.company}-corp/*:ref:refs/heads/main`),
    description: 'Main-branch workflows of the company GitHub organization',
    inline: {
      hub: doc(
        allow('AssumeDeployRoles', 'sts:AssumeRole', 'arn:aws:iam::*:role/ci-deploy'),
        allow('PushImages', ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'], '*'),
      ),
    },
    created: rng.date(2023, 2024),
  });
}
