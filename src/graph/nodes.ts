/** Nodes for every principal and resource in the inventory, plus one admin node per account. */
import { putNode } from './edges.js';
import { nodeIds } from './schema.js';
import type { BuildContext } from './context.js';

/** Adds the inventory's nodes; synthetic entry nodes are added by the detectors that use them. */
export function addInventoryNodes(ctx: BuildContext): void {
  const { graph, inventory } = ctx;
  for (const [accountId, account] of inventory.accounts) {
    putNode(graph, nodeIds.admin(accountId), {
      kind: 'account-admin',
      label: `admin of ${account.alias ?? accountId}`,
      accountId,
    });
  }
  for (const principal of inventory.principals) {
    putNode(graph, principal.arn, {
      kind: principal.kind,
      label: principal.name,
      accountId: principal.accountId,
      ...(Object.keys(principal.tags).length ? { tags: principal.tags } : {}),
    });
  }
  for (const resource of inventory.resources) {
    putNode(graph, resource.arn, {
      kind: resource.kind,
      label: resource.name,
      accountId: resource.accountId,
      ...(resource.region ? { region: resource.region } : {}),
      ...(Object.keys(resource.tags).length ? { tags: resource.tags } : {}),
      ...(resource.flags.length ? { flags: [...resource.flags] } : {}),
    });
  }
}
