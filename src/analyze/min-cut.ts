/**
 * The smallest set of statements whose removal cuts a source off from every target: a minimum
 * s-t cut (Edmonds-Karp) over hops weighted by the statements that remove each one (infinite for
 * configuration-only hops), then pruned statement by statement. One statement can grant many
 * hops (`ml-*` matches five users), so the cut is solved twice, with each statement's cost
 * counted whole on every hop and shared among the hops it grants, and the cheaper statement set
 * wins. Exact when no statement grants two hops of the cut; otherwise minimal (no statement of
 * the set can be spared). Statements of AWS managed policies cost more: the fix is then to
 * detach the whole policy, not to edit one statement.
 */
import type { EdgeAttrs } from '../graph/index.js';
import { cheapestCut, survives } from './statements.js';

/** The subgraph to cut: numbered nodes, its hops, the source and the targets. */
export interface CutProblem {
  nodes: number;
  hops: Array<{ from: number; to: number; edge: EdgeAttrs }>;
  source: number;
  targets: readonly number[];
}

/** The statements to remove (grant keys, sorted), and whether they cut everything. */
export interface CutResult {
  statements: string[];
  /** False when some target stays reachable through hops no statement grants. */
  complete: boolean;
}

const INFINITE = 1e9;
const EPSILON = 1e-9;

/** What removing one statement costs: AWS managed policies cannot be edited, only detached. */
function statementCost(key: string): number {
  return /^arn:[^:]+:iam::aws:policy\//.test(key) ? 3 : 1;
}

/** Whether any target is reachable from the source over hops that survive `removed`. */
function connected(problem: CutProblem, removed: ReadonlySet<string>): boolean {
  const out: number[][] = Array.from({ length: problem.nodes }, () => []);
  problem.hops.forEach((hop, i) => {
    if (survives(hop.edge, removed)) out[hop.from]!.push(i);
  });
  const targets = new Set(problem.targets);
  const seen = new Uint8Array(problem.nodes);
  const queue = [problem.source];
  seen[problem.source] = 1;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (targets.has(node)) return true;
    for (const i of out[node]!) {
      const to = problem.hops[i]!.to;
      if (!seen[to]) {
        seen[to] = 1;
        queue.push(to);
      }
    }
  }
  return false;
}

/** Edmonds-Karp max flow over hop capacities; returns the hops crossing the minimum cut. */
function minimumCutHops(problem: CutProblem, capacityOf: (hop: number) => number): number[] {
  const sink = problem.nodes;
  const size = problem.nodes + 1;
  // Residual arcs: [to, capacity, reverse arc index, hop index or -1].
  const arcs: Array<Array<[number, number, number, number]>> = Array.from({ length: size }, () => []);
  const addArc = (from: number, to: number, capacity: number, hop: number) => {
    arcs[from]!.push([to, capacity, arcs[to]!.length, hop]);
    arcs[to]!.push([from, 0, arcs[from]!.length - 1, -1]);
  };
  problem.hops.forEach((hop, i) => addArc(hop.from, hop.to, capacityOf(i), i));
  for (const target of new Set(problem.targets)) addArc(target, sink, INFINITE * 4, -1);
  for (;;) {
    const parent: Array<[number, number] | undefined> = new Array(size);
    const queue = [problem.source];
    parent[problem.source] = [-1, -1];
    for (let head = 0; head < queue.length && !parent[sink]; head++) {
      const node = queue[head]!;
      arcs[node]!.forEach(([to, capacity], a) => {
        if (capacity > EPSILON && !parent[to]) {
          parent[to] = [node, a];
          queue.push(to);
        }
      });
    }
    if (!parent[sink]) break;
    let push = Infinity;
    for (let v = sink; v !== problem.source; v = parent[v]![0]) push = Math.min(push, arcs[parent[v]![0]]![parent[v]![1]]![1]);
    for (let v = sink; v !== problem.source; v = parent[v]![0]) {
      const arc = arcs[parent[v]![0]]![parent[v]![1]]!;
      arc[1] -= push;
      arcs[v]![arc[2]]![1] += push;
    }
  }
  // The source side of the cut: what the residual graph still reaches.
  const side = new Uint8Array(size);
  const queue = [problem.source];
  side[problem.source] = 1;
  for (let head = 0; head < queue.length; head++) {
    for (const [to, capacity] of arcs[queue[head]!]!) {
      if (capacity > EPSILON && !side[to]) {
        side[to] = 1;
        queue.push(to);
      }
    }
  }
  return problem.hops.flatMap((hop, i) => (side[hop.from] && !side[hop.to] ? [i] : []));
}

/** The statements of the cut hops, pruned of every one the cut holds without. */
function statementsOf(problem: CutProblem, hops: number[]): CutResult {
  const removed = new Set<string>();
  for (const i of hops) for (const key of cheapestCut(problem.hops[i]!.edge) ?? []) removed.add(key);
  const complete = !connected(problem, removed);
  if (complete) {
    for (const key of [...removed].sort()) {
      removed.delete(key);
      if (connected(problem, removed)) removed.add(key);
    }
  }
  return { statements: [...removed].sort(), complete };
}

const totalCost = (result: CutResult) => result.statements.reduce((sum, key) => sum + statementCost(key), 0);

/** The statements whose removal disconnects the source from every target. */
export function minimumStatementCut(problem: CutProblem): CutResult {
  if (problem.targets.length === 0) return { statements: [], complete: true };
  const cuts = problem.hops.map((hop) => cheapestCut(hop.edge));
  const uses = new Map<string, number>();
  for (const cut of cuts) for (const key of cut ?? []) uses.set(key, (uses.get(key) ?? 0) + 1);
  const whole = (i: number) => cuts[i]?.reduce((sum, key) => sum + statementCost(key), 0) ?? INFINITE;
  const shared = (i: number) => cuts[i]?.reduce((sum, key) => sum + statementCost(key) / uses.get(key)!, 0) ?? INFINITE;
  const candidates = [statementsOf(problem, minimumCutHops(problem, whole)), statementsOf(problem, minimumCutHops(problem, shared))];
  // Complete cuts first, then the cheaper, then the shorter; the first on a tie.
  return candidates.sort((a, b) => Number(b.complete) - Number(a.complete) || totalCost(a) - totalCost(b) || a.statements.length - b.statements.length)[0]!;
}
