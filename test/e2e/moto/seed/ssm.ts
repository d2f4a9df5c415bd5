/**
 * Systems Manager Parameter Store: two SecureString parameters and a plain one. The database
 * password uses the AWS managed key (aws/ssm), so ssm:GetParameter alone reads it; the Hugging
 * Face token a customer managed key (alias/app-secrets) whose policy delegates to IAM, so a
 * reader also needs kms:Decrypt. Values are seeded to be read by nobody: the collector reads
 * DescribeParameters metadata only.
 */
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { policy, type SeedContext } from './clients.js';

/** Parameter names. */
export const PARAMETERS = { dbPassword: '/prod/db-password', hfToken: '/prod/hf-token', modelName: '/prod/model-name' } as const;

/** Values that must never reach the snapshot or the report. */
export const PLANTED_PARAMETER_VALUES = ['seeded-db-password-never-collected', 'hf_SeededTokenNeverCollected0123456789'] as const;

/** Creates the key, its alias and the parameters; returns the key's ARN. */
export async function seedSsm(context: SeedContext): Promise<string> {
  const kms = new KMSClient(context.config);
  const root = { Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${context.account}:root` }, Action: 'kms:*', Resource: '*' };
  const key = await kms.send(new CreateKeyCommand({ Description: 'application secrets', Policy: policy(root) }));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/app-secrets', TargetKeyId: key.KeyMetadata!.KeyId! }));
  kms.destroy();
  const ssm = new SSMClient(context.config);
  await ssm.send(new PutParameterCommand({ Name: PARAMETERS.dbPassword, Type: 'SecureString', Value: PLANTED_PARAMETER_VALUES[0] }));
  await ssm.send(new PutParameterCommand({ Name: PARAMETERS.hfToken, Type: 'SecureString', KeyId: 'alias/app-secrets', Value: PLANTED_PARAMETER_VALUES[1] }));
  await ssm.send(new PutParameterCommand({ Name: PARAMETERS.modelName, Type: 'String', Value: 'gpt-4o' }));
  ssm.destroy();
  return key.KeyMetadata!.Arn!;
}
