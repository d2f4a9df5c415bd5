/**
 * GetAccountAuthorizationDetails' `Policies` list for one generated account: every managed
 * policy attached to a user, group or role (or used as a boundary), AWS's and the customer's,
 * with its versions and the default one marked, as AWS returns it.
 */
import { AWS_MANAGED } from './aws-managed.js';
import { encode, type Document, type Encoding } from './documents.js';
import { ALPHABETS, token } from './random.js';

/** A customer-managed policy: its versions oldest first (the last is the default). */
export interface CustomerPolicy {
  name: string;
  versions: Document[];
  created: string;
}

/** What the list is built from. */
export interface PolicyListInput {
  account: string;
  /** GAAD user, group and role entries, with AttachedManagedPolicies and PermissionsBoundary. */
  entities: Array<Record<string, unknown>>;
  customer: Map<string, CustomerPolicy>;
  encoding: Encoding;
}

/** The `Policies` entries, sorted by ARN. */
export function managedPolicyList({ account, entities, customer, encoding }: PolicyListInput): Array<Record<string, unknown>> {
  const counts = new Map<string, number>();
  for (const entity of entities) {
    for (const m of entity['AttachedManagedPolicies'] as Array<{ PolicyArn: string }>) counts.set(m.PolicyArn, (counts.get(m.PolicyArn) ?? 0) + 1);
    const boundary = (entity['PermissionsBoundary'] as { PermissionsBoundaryArn: string } | undefined)?.PermissionsBoundaryArn;
    if (boundary) counts.set(boundary, counts.get(boundary) ?? 0);
  }
  const awsByArn = new Map(Object.values(AWS_MANAGED).map((p) => [p.arn as string, p]));
  return [...counts.keys()].sort().map((policyArn) => {
    const aws = awsByArn.get(policyArn);
    const own = customer.get(policyArn);
    if (!aws && !own) throw new Error(`generator: ${account}: ${policyArn} is attached but not defined`);
    const versions = aws
      ? [{ Document: encode(aws.document, encoding), VersionId: aws.version, IsDefaultVersion: true }]
      : own!.versions.map((d, i) => ({ Document: encode(d, encoding), VersionId: `v${i + 1}`, IsDefaultVersion: i === own!.versions.length - 1 })).reverse();
    return {
      PolicyName: policyArn.slice(policyArn.lastIndexOf('/') + 1),
      PolicyId: aws ? aws.id : `ANPA${token(`${account}:policy:${own!.name}`, 17, ALPHABETS.upperAlnum)}`,
      Arn: policyArn,
      Path: aws ? policyArn.slice('arn:aws:iam::aws:policy'.length, policyArn.lastIndexOf('/') + 1) : '/',
      DefaultVersionId: versions.find((v) => v.IsDefaultVersion)!.VersionId,
      AttachmentCount: counts.get(policyArn),
      IsAttachable: true,
      ...(own ? { CreateDate: own.created } : {}),
      PolicyVersionList: versions,
    };
  });
}
