/** Secrets Manager facts: secrets (never their values) with tags and resource policy. */
import { resourcePolicy, type RegionalReader } from './regional.js';
import { tagMap } from './types.js';

/** The Secrets Manager reader. */
export const secretsManager: RegionalReader = {
  resources: (data, at) =>
    (data.SecretsManager?.SecretList ?? []).map((secret) => ({
      ...at,
      arn: secret.ARN,
      kind: 'secret',
      name: secret.Name,
      tags: tagMap(secret.Tags),
      ...resourcePolicy(secret.ARN, secret.ResourcePolicy),
      flags: [],
    })),
};
