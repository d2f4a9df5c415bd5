/** Lambda facts: functions with their execution role, function policy, URLs and environment key. */
import { resourcePolicy, type RegionalReader } from './regional.js';

/** The Lambda reader. */
export const lambda: RegionalReader = {
  resources: (data, at) =>
    (data.Lambda?.Functions ?? []).map((fn) => ({
      ...at,
      arn: fn.FunctionArn,
      kind: 'lambda-function',
      name: fn.FunctionName,
      tags: { ...(fn.Tags ?? {}) },
      ...resourcePolicy(fn.FunctionArn, fn.Policy),
      role: { arn: fn.Role, field: 'Role' },
      flags: [],
      functionUrls: (fn.FunctionUrlConfigs ?? []).map((u) => ({ url: u.FunctionUrl, authType: u.AuthType, qualifiedArn: u.FunctionArn })),
      ...(fn.KMSKeyArn ? { keyArn: fn.KMSKeyArn } : {}),
    })),
};
