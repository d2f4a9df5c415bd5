/**
 * Systems Manager facts: parameters (DescribeParameters metadata, never values) with their tags,
 * type and, for SecureString parameters, the customer managed key that encrypts them.
 */
import { kmsAliases } from './kms.js';
import { customerKeyArn } from './keys.js';
import type { RegionalReader } from './regional.js';
import { tagMap } from './types.js';

/** The SSM reader. */
export const ssm: RegionalReader = {
  resources: (data, at) => {
    const aliases = kmsAliases(data, at);
    return (data.SSM?.Parameters ?? []).map((parameter) => {
      // Names of hierarchy parameters start with `/`; the ARN has exactly one slash before the name.
      const arn = parameter.ARN ?? `arn:${at.partition}:ssm:${at.region}:${at.accountId}:parameter/${parameter.Name.replace(/^\//, '')}`;
      const secure = parameter.Type === 'SecureString';
      const keyArn = secure ? customerKeyArn(parameter.KeyId, at, aliases) : undefined;
      return {
        accountId: at.accountId,
        partition: at.partition,
        region: at.region,
        arn,
        kind: 'ssm-parameter' as const,
        name: parameter.Name,
        tags: tagMap(parameter.TagList),
        flags: [],
        ...(parameter.Type ? { type: parameter.Type } : {}),
        ...(keyArn ? { keyArn } : {}),
      };
    });
  },
};
