/**
 * Credentials redaction found in configuration (their values are gone, their fingerprints kept),
 * read into what the graph draws: an active access key of a user leads to that user; every other
 * credential (a model provider's key, a database password, a token, a key of no user in the
 * snapshot) becomes a node of its own, one per fingerprint, so the same value held by several
 * workloads is one node with several holders. Inactive keys lead nowhere.
 */
import type { DetectedCredential } from '../../snapshot/index.js';
import type { IamFacts } from './iam.js';
import type { HeldCredential, Resource } from './types.js';

/** The node id of a credential: `credential:sha256:<12 hex>`. */
export function credentialNodeId(fingerprint: string): string {
  return `credential:${fingerprint}`;
}

/** Where each found credential leads, and the credential nodes (as resources), in the input's order. */
export function readCredentials(found: readonly DetectedCredential[], iam: IamFacts, partitionOf: (accountId: string) => string): { held: HeldCredential[]; nodes: Resource[] } {
  // A secret access key beside its key id is the same credential: the id stands for the pair.
  const withKeyId = new Set(found.filter((c) => c.kind === 'aws-access-key-id').map((c) => c.resourceArn));
  const nodes = new Map<string, Resource>();
  const held = found.map((c): HeldCredential => {
    const userArn = c.accessKeyId ? iam.activeKeys.get(c.accessKeyId) : undefined;
    const base = { resourceArn: c.resourceArn, field: c.field, variable: c.variable, kind: c.kind, fingerprint: c.fingerprint };
    if (userArn) return { ...base, userArn, node: userArn };
    const listed = c.accessKeyId !== undefined && iam.listedKeys.has(c.accessKeyId);
    if (listed || (c.kind === 'aws-secret-access-key' && withKeyId.has(c.resourceArn))) return base;
    const node = credentialNodeId(c.fingerprint);
    if (!nodes.has(node)) {
      nodes.set(node, {
        arn: node,
        kind: 'credential',
        name: `${c.variable} (${c.kind})`,
        accountId: c.accountId,
        partition: partitionOf(c.accountId),
        region: c.region,
        tags: {},
        flags: [],
        type: c.kind,
      });
    }
    return { ...base, node };
  });
  return { held, nodes: [...nodes.values()] };
}
