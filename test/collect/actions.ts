/**
 * Which IAM action each AWS SDK command needs. Most are `<service prefix>:<Operation>`; the
 * exceptions are spelled out, from AWS's Service Authorization Reference. Kept in the tests
 * on purpose: the read-only proof must not trust the code it checks.
 */

/** IAM service prefix of each `@aws-sdk/client-*` package (and local server service) that differs from its name. */
const PREFIX: Record<string, string> = {
  'api-gateway': 'apigateway',
  apigatewayv2: 'apigateway',
  'bedrock-agent': 'bedrock',
  'bedrock-agentcore-control': 'bedrock-agentcore',
  'cognito-identity-provider': 'cognito-idp',
  'auto-scaling': 'autoscaling',
  'elastic-load-balancing-v2': 'elasticloadbalancing',
  'secrets-manager': 'secretsmanager',
  's3-control': 's3',
  s3control: 's3',
};

/** Commands whose action is not named after the operation. */
const RENAMED: Record<string, string> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3-control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
};

/** The IAM action a command of `client` (package suffix or server service name) needs. */
export function actionFor(client: string, operation: string): string {
  const prefix = PREFIX[client] ?? client;
  // API Gateway's management API is authorized by HTTP method: every Get* is apigateway:GET.
  if (prefix === 'apigateway') return operation.startsWith('Get') ? 'apigateway:GET' : `apigateway:${operation}`;
  return RENAMED[`${client}:${operation}`] ?? `${prefix}:${operation}`;
}

/** Actions no blastpath code may ever need: they read data or secrets, not configuration. */
export const NEVER = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
  's3:GetObject',
  's3:GetObjectVersion',
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'lambda:GetFunction',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:CreatePresignedDomainUrl',
];
