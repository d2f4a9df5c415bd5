/**
 * What a user may name as the start (or end) of a query, resolved to a node of the graph: a
 * node id (an ARN, `internet`, `anonymous`, `admin:<account>`, `bedrock:<account>`), an access
 * key id (its user: the credential), or an assumed-role session ARN (its role).
 */
import { InputError } from '../core/errors.js';
import type { BuiltGraph } from '../graph/index.js';
import type { Snapshot } from '../snapshot/index.js';

/** The node `text` names; throws InputError naming the argument and what was expected. */
export function resolveNode(built: BuiltGraph, snapshot: Snapshot, text: string, argument: string): string {
  if (built.graph.hasNode(text)) return text;
  if (/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(text)) {
    for (const account of snapshot.accounts) {
      const key = account.iam?.AccessKeyMetadata?.find((k) => k.AccessKeyId === text);
      const user = key && account.iam?.AuthorizationDetails.UserDetailList.find((u) => u.UserName === key.UserName);
      if (user && built.graph.hasNode(user.Arn)) return user.Arn;
    }
    throw new InputError(`${argument} ${text}`, 'expected an access key id listed in the inputs (ListAccessKeys)');
  }
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(text);
  if (session) {
    const role = built.graph.filterNodes((_, a) => a.kind === 'role' && a.accountId === session[2] && a.label === session[3])[0];
    if (role) return role;
  }
  // An S3 object ARN stands for its bucket.
  const bucket = /^(arn:[^:]+:s3:::[^/]+)\//.exec(text)?.[1];
  if (bucket && built.graph.hasNode(bucket)) return bucket;
  throw new InputError(`${argument} ${text}`, 'expected a node of the graph: a principal, workload or resource ARN in the inputs, internet, anonymous, admin:<account>, bedrock:<account>, or an access key id');
}
