/**
 * Which technique rules may be drawn on different threads. An edge's key (edges.ts `edgeKey`)
 * holds its technique id unless the edge carries an `access` (prefix-access rules: "read this
 * bucket" from two rules is one capability and one edge). Rules that can draw the same key must
 * run on one thread, in rule order: a rule skips further proofs of an edge it already drew
 * unconditionally, so which rule drew a key first changes what is merged into it.
 */
import type { RuleSet, TechniqueRule } from '../../rules/index.js';
import { edgeShapeOf, RELATIONS } from '../techniques/index.js';

/** The part of an edge key a rule fixes (kind and capability); rules with equal classes may share keys. */
export function keyClassOf(rule: TechniqueRule): string {
  const shape = edgeShapeOf(RELATIONS[rule.relation], rule);
  return `${shape.kind}:${shape.access ?? rule.id}`;
}

/**
 * The technique rules as groups of indices into `rules.techniques`: one group per key class,
 * each in rule order, groups in the order of their first rule (threads claim them in that
 * order). Grouping rules that ask about the same action, so that one thread's decision cache
 * serves them all, was measured and dropped: drawn each in a fresh run, the rules cost 2 % more
 * in total (D2: 9.91 s against 9.69 s) but the group of iam:AttachRolePolicy and friends alone
 * took 5.3 s of D2's 9.7, which no number of threads can split. Deprecated rules draw nothing
 * and are left out.
 */
export function ruleGroups(rules: RuleSet): number[][] {
  const groups = new Map<string, number[]>();
  rules.techniques.forEach((rule, index) => {
    if (rule.deprecated) return;
    const key = keyClassOf(rule);
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  return [...groups.values()];
}
