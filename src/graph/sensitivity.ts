/**
 * Crown jewels: resources that sensitivity rules mark by tag, name, status, type or use (a bucket
 * is training data because a training job reads it). Each access level maps to the impact
 * class it realizes; the strongest class wins when several rules apply.
 */
import { compareStrings } from '../core/hash.js';
import type { RuleSet, SensitivityRule } from '../rules/index.js';
import type { Facts, Resource } from './facts/index.js';
import { nodeIds } from './schema.js';

/** Access levels a sensitivity rule can attach an impact to. */
export type ImpactAccess = keyof SensitivityRule['impacts'];

/** A crown jewel and what each kind of access to it means. */
export interface CrownJewel {
  node: string;
  rules: string[];
  /** access -> impact class, the rule that set it, and its confidence. */
  impacts: Map<ImpactAccess, { impact: string; rule: string; confidence: number }>;
}

function matches(rule: SensitivityRule, resource: Resource, uses: ReadonlySet<string>): boolean {
  const { tags, namePattern, usedAs, status, types } = rule.match;
  if (!tags && !namePattern && !usedAs && !status && !types) return true;
  if (tags) {
    const lowered = new Map(Object.entries(resource.tags).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
    for (const [key, values] of Object.entries(tags)) {
      const value = lowered.get(key.toLowerCase());
      if (value !== undefined && values.some((v) => v.toLowerCase() === value)) return true;
    }
  }
  if (namePattern && new RegExp(namePattern, 'i').test(resource.name)) return true;
  if (usedAs && usedAs.some((use) => uses.has(use))) return true;
  if (status && resource.status && status.includes(resource.status)) return true;
  if (types && resource.type && types.includes(resource.type)) return true;
  return false;
}

/**
 * Finds every crown jewel of the facts; `modelAccounts` are the accounts with a foundation-models
 * node. Returns them by node id, each with its rules sorted.
 */
export function findCrownJewels(facts: Facts, rules: RuleSet, modelAccounts: ReadonlySet<string>): Map<string, CrownJewel> {
  const weight = (impact: string) => rules.scoring.impactClasses[impact]?.weight ?? 0;
  const jewels = new Map<string, CrownJewel>();
  const record = (node: string, rule: SensitivityRule) => {
    const jewel: CrownJewel = jewels.get(node) ?? { node, rules: [], impacts: new Map() };
    jewel.rules.push(rule.id);
    for (const [access, impact] of Object.entries(rule.impacts) as Array<[ImpactAccess, string | undefined]>) {
      if (!impact) continue;
      const current = jewel.impacts.get(access);
      const better =
        !current ||
        weight(impact) > weight(current.impact) ||
        (weight(impact) === weight(current.impact) && rule.confidence > current.confidence);
      if (better) jewel.impacts.set(access, { impact, rule: rule.id, confidence: rule.confidence });
    }
    jewels.set(node, jewel);
  };

  const none: ReadonlySet<string> = new Set();
  for (const rule of rules.sensitivity) {
    if (rule.deprecated) continue;
    for (const kind of rule.resourceKinds) {
      if (kind === 'account-admin') {
        for (const accountId of facts.accounts.keys()) record(nodeIds.admin(accountId), rule);
        continue;
      }
      if (kind === 'foundation-models') {
        // Nodes exist only for accounts where someone may invoke models (foundation-models.ts).
        for (const accountId of facts.accounts.keys()) if (modelAccounts.has(accountId)) record(nodeIds.foundationModels(accountId), rule);
        continue;
      }
      for (const resource of facts.resourcesByKind.get(kind) ?? []) {
        if (matches(rule, resource, kind === 'bucket' ? (facts.bucketUses.get(resource.name) ?? none) : none)) record(resource.arn, rule);
      }
    }
  }
  for (const jewel of jewels.values()) jewel.rules.sort(compareStrings);
  return jewels;
}
