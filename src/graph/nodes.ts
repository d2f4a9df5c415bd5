/**
 * The nodes facts give before any edge: every principal and resource, one admin node per
 * account, each EKS cluster's node (code running in it) and admin node, a foundation-models node
 * per account where someone may invoke models, and the flag on functions Bedrock agents call as
 * tools. Entry points add their outsiders' nodes.
 */
import { compareStrings } from '../core/hash.js';
import type { NodeSpec } from './edges.js';
import type { Facts } from './facts/index.js';
import { kubernetesNodes } from './kubernetes/index.js';
import { nodeIds } from './schema.js';

/** Nodes of the facts; `modelAccounts` are the accounts with a foundation-models node. */
export function factNodes(facts: Facts, modelAccounts: ReadonlySet<string>): NodeSpec[] {
  const out: NodeSpec[] = [];
  for (const [accountId, account] of facts.accounts) {
    out.push([nodeIds.admin(accountId), { kind: 'account-admin', label: `admin of ${account.alias ?? accountId}`, accountId }]);
  }
  for (const principal of facts.principals) {
    out.push([principal.arn, { kind: principal.kind, label: principal.name, accountId: principal.accountId, ...(Object.keys(principal.tags).length ? { tags: principal.tags } : {}) }]);
  }
  // Reports say what a function is for when a Bedrock agent calls it.
  const tools = new Set(facts.tools.map((t) => t.fn));
  for (const resource of facts.resources) {
    const flags = tools.has(resource.arn) ? [...new Set([...resource.flags, 'bedrock-agent-tool'])].sort(compareStrings) : resource.flags;
    out.push([
      resource.arn,
      {
        kind: resource.kind,
        label: resource.name,
        accountId: resource.accountId,
        ...(resource.region ? { region: resource.region } : {}),
        ...(Object.keys(resource.tags).length ? { tags: resource.tags } : {}),
        ...(flags.length ? { flags: [...flags] } : {}),
      },
    ]);
  }
  out.push(...kubernetesNodes(facts));
  for (const [accountId, account] of facts.accounts) {
    if (modelAccounts.has(accountId)) out.push([nodeIds.foundationModels(accountId), { kind: 'foundation-models', label: `Bedrock models of ${account.alias ?? accountId}`, accountId }]);
  }
  return out;
}
