/**
 * The proof a technique carries: in its vulnerable snapshot the principal named `attacker`
 * gets the technique's edge to what it gains, and in the safe twin it does not. Used by
 * `blastpath rules test` on a user's rules and fixtures; the bundled rules have their own
 * harness in test/rules/techniques.test.ts.
 */
import type { RuleSet, TechniqueRule } from '../../rules/index.js';
import { buildGraph } from '../index.js';
import type { LoadedSnapshot } from '../inventory/index.js';
import { nodeIds, type AttackGraph, type EdgeKind } from '../schema.js';
import { edgeShapeOf } from './index.js';

/** Fixture naming conventions (rules/README.md). */
export const FIXTURE_ATTACKER = 'attacker';
export const FIXTURE_TARGET_PREFIX = 'target-';

/** The outcome of one technique's proof; `problems` is empty when it passes. */
export interface ProofResult {
  id: string;
  problems: string[];
}

const ADMIN_RELATIONS = new Set(['self-admin', 'join-group', 'self-unblock']);

/** The edge kind and end a technique's fixture must show. */
function expectation(graph: AttackGraph, rule: TechniqueRule, accountOf: (node: string) => string | undefined): { kind: EdgeKind; target?: string; problem?: string } {
  const kind = rule.relation === 'assume-role' ? 'can-assume' : edgeShapeOf(rule).kind;
  const attacker = graph.filterNodes((_, a) => (a.kind === 'user' || a.kind === 'role') && a.label === FIXTURE_ATTACKER)[0];
  const account = attacker ? accountOf(attacker) : undefined;
  if (ADMIN_RELATIONS.has(rule.relation) || rule.gain === 'admin') return { kind, ...(account ? { target: nodeIds.admin(account) } : {}) };
  if (rule.gain === 'model-invocation') return { kind, ...(account ? { target: nodeIds.foundationModels(account) } : {}) };
  const found = graph.filterNodes((_, a) => a.label.startsWith(FIXTURE_TARGET_PREFIX));
  return found.length === 1 ? { kind, target: found[0]! } : { kind, problem: `expected one node named ${FIXTURE_TARGET_PREFIX}*, found ${found.length}` };
}

function attackerOf(graph: AttackGraph): string | undefined {
  const found = graph.filterNodes((_, a) => (a.kind === 'user' || a.kind === 'role') && a.label === FIXTURE_ATTACKER);
  return found.length === 1 ? found[0] : undefined;
}

function edgesOf(graph: AttackGraph, from: string, id: string) {
  return graph.filterOutEdges(from, (_, a) => a.technique === id).map((e) => ({ to: graph.target(e), ...graph.getEdgeAttributes(e) }));
}

/** Checks one technique against its two fixture snapshots. */
export function proveTechnique(rule: TechniqueRule, rules: RuleSet, fixtures: { vulnerable: LoadedSnapshot; safe: LoadedSnapshot }): ProofResult {
  const problems: string[] = [];
  for (const variant of ['vulnerable', 'safe'] as const) {
    const graph = buildGraph(fixtures[variant], rules).graph;
    const accountOf = (node: string) => graph.getNodeAttribute(node, 'accountId');
    const attacker = attackerOf(graph);
    if (!attacker) {
      problems.push(`${variant}: expected exactly one user or role named ${FIXTURE_ATTACKER}`);
      continue;
    }
    const { kind, target, problem } = expectation(graph, rule, accountOf);
    if (problem || !target) {
      problems.push(`${variant}: ${problem ?? 'no target to check'}`);
      continue;
    }
    const edges = edgesOf(graph, attacker, rule.id);
    if (variant === 'safe') {
      if (!graph.hasNode(target)) problems.push(`safe: the target ${target} is missing; a safe twin keeps it and adds a control`);
      if (edges.length) problems.push(`safe: ${rule.id} draws ${edges.length} edge(s) from ${FIXTURE_ATTACKER}, expected none`);
      continue;
    }
    if (rule.deprecated) {
      if (edges.length) problems.push('vulnerable: a deprecated technique draws no edge');
      continue;
    }
    const match = edges.filter((e) => e.to === target && e.kind === kind);
    if (match.length !== 1 || edges.length !== 1) problems.push(`vulnerable: expected one ${kind} edge ${FIXTURE_ATTACKER} -> ${target}, found ${edges.map((e) => `${e.kind} -> ${e.to}`).join(', ') || 'none'}`);
    else if (match[0]!.conditional) problems.push(`vulnerable: the edge holds only under open conditions (${(match[0]!.residual ?? []).join('; ')})`);
  }
  return { id: rule.id, problems };
}
