/**
 * Configuration edges: a workload runs as its execution role, and a workload whose
 * configuration holds a long-lived access key holds that user's credential.
 */
import { putEdge } from './edges.js';
import type { BuildContext } from './context.js';

/** Adds runs-as edges from every workload to the role named in its configuration. */
export function addRunsAsEdges(ctx: BuildContext): void {
  const { graph, inventory } = ctx;
  for (const resource of inventory.resources) {
    if (!resource.role || !inventory.principalsByArn.has(resource.role.arn)) continue;
    putEdge(graph, resource.arn, resource.role.arn, {
      kind: 'runs-as',
      actions: [],
      provenance: [{ policy: resource.arn, policyKind: 'configuration', field: resource.role.field, conditionKeys: [] }],
      conditional: false,
      confidence: 1,
    });
  }
}

/**
 * Adds holds-credential edges for access keys found in workload configuration, and marks the
 * workload as an entry point: whoever reads the configuration (or makes the code leak it)
 * holds the key.
 */
export function addCredentialEdges(ctx: BuildContext): void {
  const { graph, inventory, input } = ctx;
  for (const credential of input.credentials) {
    if (!graph.hasNode(credential.resourceArn)) continue;
    const userArn = credential.accessKeyId ? inventory.activeKeys.get(credential.accessKeyId) : undefined;
    if (!userArn) continue;
    putEdge(graph, credential.resourceArn, userArn, {
      kind: 'holds-credential',
      actions: [],
      provenance: [{ policy: credential.resourceArn, policyKind: 'configuration', field: credential.field, conditionKeys: [] }],
      conditional: false,
      confidence: 1,
      detail: { variable: credential.variable, credential: credential.kind, fingerprint: credential.fingerprint },
    });
    ctx.entries.push({ node: credential.resourceArn, entryPoint: 'credential-in-configuration' });
  }
}
