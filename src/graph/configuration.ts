/**
 * Configuration edges: a workload runs as its execution role, and a workload whose
 * configuration holds a credential holds it: a long-lived access key leads to its user, any
 * other credential to its own node (the credential-in-configuration entry point starts paths
 * there).
 */
import { EdgeSet, type ProvenanceKeys } from './edges.js';
import type { Facts, HeldCredential } from './facts/index.js';

/** Runs-as edges from every workload to the role named in its configuration. */
export function runsAsEdges(facts: Facts, keys: ProvenanceKeys): EdgeSet {
  const edges = new EdgeSet(keys);
  for (const resource of facts.resources) {
    if (!resource.role || !facts.principalsByArn.has(resource.role.arn)) continue;
    edges.put(resource.arn, resource.role.arn, {
      kind: 'runs-as',
      actions: [],
      provenance: [{ policy: resource.arn, policyKind: 'configuration', field: resource.role.field, conditionKeys: [] }],
      conditional: false,
      confidence: 1,
    });
  }
  return edges;
}

/** Credentials in the configuration of a resource with a node that lead somewhere: a user's active key, or a credential node. */
export function heldCredentials(facts: Facts): Array<HeldCredential & { node: string }> {
  return facts.credentials.filter((c): c is HeldCredential & { node: string } => c.node !== undefined && facts.resourcesByArn.has(c.resourceArn));
}

/** Holds-credential edges for credentials found in the configuration of resources with a node. */
export function credentialEdges(facts: Facts, keys: ProvenanceKeys): EdgeSet {
  const edges = new EdgeSet(keys);
  // A secret access key beside a key id travels with it: removing the credential means both fields.
  const pairedSecrets = new Map<string, string>();
  for (const c of facts.credentials) {
    if (c.kind === 'aws-secret-access-key' && c.node === undefined && !pairedSecrets.has(c.resourceArn)) pairedSecrets.set(c.resourceArn, c.field);
  }
  for (const credential of heldCredentials(facts)) {
    const secretField = credential.kind === 'aws-access-key-id' ? pairedSecrets.get(credential.resourceArn) : undefined;
    edges.put(credential.resourceArn, credential.node, {
      kind: 'holds-credential',
      actions: [],
      provenance: [{ policy: credential.resourceArn, policyKind: 'configuration', field: credential.field, conditionKeys: [] }],
      conditional: false,
      confidence: 1,
      detail: { variable: credential.variable, credential: credential.kind, fingerprint: credential.fingerprint, ...(secretField ? { secretField } : {}) },
    });
  }
  return edges;
}
