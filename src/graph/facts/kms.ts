/** KMS facts: keys with their key policy and tags; AWS managed keys are flagged (RCPs skip them). */
import type { RegionData } from '../../snapshot/index.js';
import { resourcePolicy, type RegionalReader } from './regional.js';
import type { Place } from './types.js';

/** The KMS reader. */
export const kms: RegionalReader = {
  resources: (data, at, policies) =>
    (data.KMS?.Keys ?? []).map((key) => {
      const tags: Record<string, string> = {};
      for (const tag of key.Tags ?? []) tags[tag.TagKey] = tag.TagValue;
      const arn = key.KeyMetadata.Arn;
      return { accountId: at.accountId, partition: at.partition, region: at.region, arn, kind: 'kms-key', name: key.KeyMetadata.KeyId, tags, ...resourcePolicy(arn, key.Policy, policies), flags: key.KeyMetadata.KeyManager === 'AWS' ? ['aws-managed'] : [] };
    }),
};

/** `<account>|<region>|alias/<name>` -> key ARN, from the keys' ListAliases answers (where collected). */
export function kmsAliases(data: RegionData, at: Place): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const key of data.KMS?.Keys ?? []) {
    for (const alias of key.Aliases ?? []) if (alias.AliasName) aliases.set(`${at.accountId}|${at.region}|${alias.AliasName}`, key.KeyMetadata.Arn);
  }
  return aliases;
}
