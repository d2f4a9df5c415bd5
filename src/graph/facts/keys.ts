/**
 * Which KMS key encrypts a stored value, from the `KmsKeyId` / `KeyId` field a service reports:
 * a key ARN, a key id, an alias name or an alias ARN. The service's own AWS managed key
 * (`alias/aws/secretsmanager`, `alias/aws/ssm`, or no key named at all) lets every principal of
 * the account decrypt through that service, so it adds no requirement and resolves to nothing;
 * an alias the snapshot cannot resolve resolves to nothing too (the read is decided without it).
 */
import type { Place } from './types.js';

/** The ARN of the customer managed key `keyId` names, or undefined for an AWS managed or unresolvable one. */
export function customerKeyArn(keyId: string | undefined, at: Place, aliases: ReadonlyMap<string, string>): string | undefined {
  if (!keyId) return undefined;
  if (/^arn:[^:]+:kms:[^:]*:\d{12}:key\//.test(keyId)) return keyId;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^mrk-[0-9a-f]{32}$/.test(keyId)) return `arn:${at.partition}:kms:${at.region}:${at.accountId}:key/${keyId}`;
  const alias = keyId.startsWith('arn:') ? keyId.slice(keyId.indexOf(':alias/') + 1) : keyId;
  if (alias.startsWith('alias/aws/')) return undefined;
  return aliases.get(`${at.accountId}|${at.region}|${alias}`);
}
