/**
 * The keys tickets are routed by: the accounts and regions a finding's path touches, and the
 * owner-like tags of its entry and target. Pure functions of a finding (or of a node's tags), so
 * every report and filter agrees on them.
 */
import { compareStrings } from '../core/hash.js';
import { parseArn } from '../core/arn.js';
import type { Finding, PathNode } from './finding.js';

/**
 * Tag keys that say who owns a resource, compared case-insensitively and ignoring `-`, `_`, `.`,
 * `:` and spaces (so `Owner`, `cost-center` and `CostCenter` all count). Other tags are left out:
 * they are not routing keys and may say more than a ticket needs.
 */
export const OWNER_TAG_KEYS = ['owner', 'owners', 'team', 'contact', 'email', 'maintainer', 'costcenter', 'businessunit', 'department', 'project', 'application'] as const;

const OWNER_KEYS: ReadonlySet<string> = new Set(OWNER_TAG_KEYS);

function normalKey(key: string): string {
  return key.toLowerCase().replace(/[-_.: ]/g, '');
}

/** The owner-like tags of a node, keys sorted; undefined when there are none. */
export function ownerTags(tags: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (!tags) return undefined;
  const keys = Object.keys(tags).filter((k) => OWNER_KEYS.has(normalKey(k))).sort(compareStrings);
  return keys.length ? Object.fromEntries(keys.map((k) => [k, tags[k] as string])) : undefined;
}

/** The region of a node: its own, else the one in its ARN; undefined for global and synthetic nodes. */
export function nodeRegion(node: Pick<PathNode, 'id' | 'region'>): string | undefined {
  return node.region ?? (parseArn(node.id)?.region || undefined);
}

/** Accounts of the nodes on the path, sorted (an outside account included: it is where the path starts). */
export function findingAccounts(f: Pick<Finding, 'path'>): string[] {
  return [...new Set(f.path.nodes.flatMap((n) => (n.accountId ? [n.accountId] : [])))].sort(compareStrings);
}

/** Regions of the nodes on the path, sorted; empty when the path is only IAM and global resources. */
export function findingRegions(f: Pick<Finding, 'path'>): string[] {
  return [...new Set(f.path.nodes.flatMap((n) => nodeRegion(n) ?? []))].sort(compareStrings);
}

/** The account a finding is filed under: the target's, else the last account on the path. */
export function homeAccount(f: Pick<Finding, 'path' | 'target'>): string | undefined {
  const nodes = f.path.nodes;
  const target = nodes.find((n) => n.id === f.target.node);
  return target?.accountId ?? [...nodes].reverse().find((n) => n.accountId)?.accountId;
}
