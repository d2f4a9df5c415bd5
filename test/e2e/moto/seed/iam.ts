/**
 * IAM: the workload roles of the deployment, each with a customer-managed policy (moto leaves
 * `PolicyName` out of GetAccountAuthorizationDetails for those: the collector must keep them).
 */
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { policy, serviceTrust, type SeedContext } from './clients.js';
import { BUCKETS } from './s3.js';

/** Role name -> [trust, managed policy document]. */
export const ROLES = {
  'chat-frontend-role': {
    trust: serviceTrust('lambda.amazonaws.com'),
    policy: policy(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKETS.training}/*` },
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
      // Every parameter under /prod, but no kms:Decrypt: only those under the AWS managed key.
      { Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: `arn:aws:ssm:*:*:parameter/prod/*` },
    ),
  },
  'report-role': { trust: serviceTrust('lambda.amazonaws.com'), policy: policy({ Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: '*' }) },
  'sagemaker-execution': {
    trust: serviceTrust('sagemaker.amazonaws.com'),
    policy: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${BUCKETS.artifacts}/*` }),
  },
  'ecs-task-role': { trust: serviceTrust('ecs-tasks.amazonaws.com'), policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKETS.training}/*` }) },
  'ecs-execution-role': { trust: serviceTrust('ecs-tasks.amazonaws.com'), policy: policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }) },
  'ec2-gpu-role': { trust: serviceTrust('ec2.amazonaws.com'), policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKETS.artifacts}/*` }) },
  'agent-runtime-role': { trust: serviceTrust('bedrock-agentcore.amazonaws.com'), policy: policy({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }) },
  'cognito-guest': {
    trust: policy({
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } },
    }),
    policy: policy({ Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint', Resource: '*' }),
  },
  'apigw-sagemaker-invoke': { trust: serviceTrust('apigateway.amazonaws.com'), policy: policy({ Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint', Resource: '*' }) },
} as const;

/**
 * A CI user with a long-lived key that deploys the inference service: it registers task
 * definitions, updates the service and may pass the task role (to ECS only); it reads the REST
 * API's stages, whose variables hold a token.
 */
export const CI_USER = 'ecs-deployer';

/** Creates each role with its own managed policy, the EC2 instance profile, and the CI user. */
export async function seedIam(context: SeedContext): Promise<void> {
  const iam = new IAMClient(context.config);
  for (const [name, role] of Object.entries(ROLES)) {
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: role.trust }));
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: `${name}-policy`, PolicyDocument: role.policy }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: created.Policy!.Arn! }));
  }
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ec2-gpu-profile' }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ec2-gpu-profile', RoleName: 'ec2-gpu-role' }));
  await iam.send(new CreateUserCommand({ UserName: CI_USER }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: CI_USER,
      PolicyName: 'deploy-inference',
      PolicyDocument: policy(
        { Effect: 'Allow', Action: ['ecs:RegisterTaskDefinition', 'ecs:DescribeServices'], Resource: '*' },
        // Reads the build project it deploys with: its PLAINTEXT variables come back in clear.
        { Effect: 'Allow', Action: 'codebuild:BatchGetProjects', Resource: `arn:aws:codebuild:us-east-1:${context.account}:project/model-eval` },
        { Effect: 'Allow', Action: 'ecs:UpdateService', Resource: `arn:aws:ecs:us-east-1:${context.account}:service/inference/*` },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${context.account}:role/ecs-task-role`, Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
        { Effect: 'Allow', Action: 'apigateway:GET', Resource: `arn:aws:apigateway:us-east-1::/restapis/*/stages/*` },
      ),
    }),
  );
  await iam.send(new CreateAccessKeyCommand({ UserName: CI_USER }));
  iam.destroy();
}
