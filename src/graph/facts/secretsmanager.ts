/** Secrets Manager facts: secrets (never their values) with tags, resource policy and the customer managed key encrypting them. */
import { kmsAliases } from './kms.js';
import { customerKeyArn } from './keys.js';
import { resourcePolicy, type RegionalReader } from './regional.js';
import { tagMap } from './types.js';

/** The Secrets Manager reader. */
export const secretsManager: RegionalReader = {
  resources: (data, at, policies) => {
    const aliases = kmsAliases(data, at);
    return (data.SecretsManager?.SecretList ?? []).map((secret) => {
      const keyArn = customerKeyArn(secret.KmsKeyId, at, aliases);
      return {
        accountId: at.accountId,
        partition: at.partition,
        region: at.region,
        arn: secret.ARN,
        kind: 'secret' as const,
        name: secret.Name,
        tags: tagMap(secret.Tags),
        ...resourcePolicy(secret.ARN, secret.ResourcePolicy, policies),
        flags: [],
        ...(keyArn ? { keyArn } : {}),
      };
    });
  },
};
