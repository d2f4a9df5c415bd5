/**
 * The `--services` names, without loading any collector: the AWS SDK clients behind them take
 * seconds to import, and the CLI must not pay that for commands that do not collect. The
 * registry test checks this list against the registered descriptors.
 */
export const SERVICE_NAMES = [
  'apigateway',
  'apprunner',
  'bedrock',
  'bedrock-agentcore',
  'cloudtrail',
  'cognito-identity',
  'cognito-idp',
  'ec2',
  'ecr',
  'ecs',
  'eks',
  'elasticloadbalancing',
  'iam',
  'kms',
  'lambda',
  'organizations',
  's3',
  'sagemaker',
  'secretsmanager',
  'ssm',
] as const;
