/**
 * Configuration edges: a workload runs as its execution role, and a workload whose
 * configuration holds a long-lived access key holds that user's credential (the
 * credential-in-configuration entry point starts paths there).
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

/** Credentials in the configuration of a workload with a node that are some user's active key. */
export function heldKeys(facts: Facts): Array<HeldCredential & { userArn: string }> {
  return facts.credentials.filter((c): c is HeldCredential & { userArn: string } => c.userArn !== undefined && facts.resourcesByArn.has(c.resourceArn));
}

/** Holds-credential edges for access keys found in workload configuration. */
export function credentialEdges(facts: Facts, keys: ProvenanceKeys): EdgeSet {
  const edges = new EdgeSet(keys);
  for (const credential of heldKeys(facts)) {
    edges.put(credential.resourceArn, credential.userArn, {
      kind: 'holds-credential',
      actions: [],
      provenance: [{ policy: credential.resourceArn, policyKind: 'configuration', field: credential.field, conditionKeys: [] }],
      conditional: false,
      confidence: 1,
      detail: { variable: credential.variable, credential: credential.kind, fingerprint: credential.fingerprint },
    });
  }
  return edges;
}
