/** Secrets Manager: the provider API key the chat backend uses (the value is never read back). */
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SeedContext } from './clients.js';

/** Secret names. */
export const SECRETS = { openai: 'prod/openai' } as const;

/** Creates the secret; returns its ARN. */
export async function seedSecrets(context: SeedContext): Promise<string> {
  const client = new SecretsManagerClient(context.config);
  const created = await client.send(new CreateSecretCommand({ Name: SECRETS.openai, SecretString: 'seeded-secret-value-never-collected' }));
  client.destroy();
  return created.ARN!;
}
