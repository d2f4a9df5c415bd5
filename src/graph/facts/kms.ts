/** KMS facts: keys with their key policy and tags; AWS managed keys are flagged (RCPs skip them). */
import { resourcePolicy, type RegionalReader } from './regional.js';

/** The KMS reader. */
export const kms: RegionalReader = {
  resources: (data, at) =>
    (data.KMS?.Keys ?? []).map((key) => {
      const tags: Record<string, string> = {};
      for (const tag of key.Tags ?? []) tags[tag.TagKey] = tag.TagValue;
      const arn = key.KeyMetadata.Arn;
      return { ...at, arn, kind: 'kms-key', name: key.KeyMetadata.KeyId, tags, ...resourcePolicy(arn, key.Policy), flags: key.KeyMetadata.KeyManager === 'AWS' ? ['aws-managed'] : [] };
    }),
};
