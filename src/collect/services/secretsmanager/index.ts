/**
 * Secrets Manager (regional): ListSecrets and each secret's resource policy. Metadata only:
 * blastpath never calls GetSecretValue.
 */
import { GetResourcePolicyCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The Secrets Manager collector: secret metadata and resource policies. */
export const secretsmanager: ServiceDescriptor = {
  service: 'secretsmanager',
  scope: 'regional',
  section: 'SecretsManager',
  client: SecretsManagerClient,
  fetches: [
    {
      field: 'SecretList',
      call: call(ListSecretsCommand, () => ({ MaxResults: 100 })),
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
      items: 'SecretList',
      name: (secret) => str(secret, 'ARN'),
      required: true,
      details: [
        {
          field: 'ResourcePolicy',
          call: call(GetResourcePolicyCommand, (secret) => ({ SecretId: str(secret, 'ARN') })),
          pick: 'ResourcePolicy',
        },
      ],
    },
  ],
};
