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
 * An action named by more rules than this does not tie them to one thread: iam:PassRole (42
 * rules) or sts:AssumeRole (12) would put most rules in one group, and the decisions they share
 * are a small part of each rule's work.
 */
export const AFFINITY_MAX_RULES = 8;

/**
 * The technique rules as groups of indices into `rules.techniques`, each in rule order, largest
 * group first (handed out first, so that the longest work starts early). Rules of one key class
 * must share a group (correctness); rules that ask about the same action share one too
 * (speed): a thread's TechniqueRun keeps its decisions per caller and request, and the second
 * rule about iam:AttachRolePolicy costs a fifth of the first on the same thread (dense account
 * D1). Deprecated rules draw nothing and are left out.
 */
export function ruleGroups(rules: RuleSet): number[][] {
  const parent = rules.techniques.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const join = (a: number, b: number) => {
    const [ra, rb] = [root(a), root(b)];
    // The smaller index stays the root, so that a group's root is its first rule.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const named = new Map<string, number>();
  for (const rule of rules.techniques) for (const { action } of rule.actions) named.set(action, (named.get(action) ?? 0) + 1);
  const first = new Map<string, number>();
  rules.techniques.forEach((rule, index) => {
    if (rule.deprecated) return;
    const ties = [`key ${keyClassOf(rule)}`, ...rule.actions.filter((a) => named.get(a.action)! <= AFFINITY_MAX_RULES).map((a) => `action ${a.action}`)];
    for (const tie of ties) {
      const other = first.get(tie);
      if (other === undefined) first.set(tie, index);
      else join(index, other);
    }
  });
  const groups = new Map<number, number[]>();
  rules.techniques.forEach((rule, index) => {
    if (rule.deprecated) return;
    const group = groups.get(root(index));
    if (group) group.push(index);
    else groups.set(root(index), [index]);
  });
  return [...groups.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}
