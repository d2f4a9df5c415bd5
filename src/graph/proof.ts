/**
 * The proof every rule carries: a vulnerable snapshot where the rule shows and a safe twin,
 * differing by one realistic control, where it does not (and optionally further safe twins,
 * each with another control: a precision case the rule must not fire on). For a technique, the principal named
 * `attacker` gets exactly one unconditional edge of the technique to what it gains; for an entry
 * point, the rule reaches exactly the node named `target-*` (the entry itself, or the first hop
 * of an outsider's entry), unconditionally. Used by `blastpath rules test` on a user's rules and
 * by test/rules/proofs.test.ts on the bundled ones: both read the expectations from here.
 */
import type { EntryPointRule, RuleSet, TechniqueRule } from '../rules/index.js';
import { compareStrings } from '../core/hash.js';
import { isOutsider } from '../kinds.js';
import { outEdges, type EdgeSource } from './edge-view.js';
import { buildFacts, type LoadedSnapshot } from './facts/index.js';
import { buildGraph, type BuildOptions, type BuiltGraph } from './index.js';
import { nodeIds, type AttackGraph, type EdgeAttrs, type EdgeKind } from './schema.js';
import { edgeShapeOf, RELATIONS } from './techniques/index.js';

/** Fixture naming conventions (rules/README.md). */
export const FIXTURE_ATTACKER = 'attacker';
export const FIXTURE_TARGET_PREFIX = 'target-';
/** `target_` stands for `target-` where AWS forbids hyphens in the name (AgentCore runtimes). */
const FIXTURE_TARGET = /^target[-_]/;
/** Tag of the principals and workloads a fixture declares compromised, as `--from` would. */
export const FIXTURE_COMPROMISED_TAG = 'blastpath:compromised';

/** The outcome of one rule's proof; `problems` is empty when it passes. */
export interface ProofResult {
  id: string;
  problems: string[];
}

/** The snapshots of a proof: the vulnerable one, its safe twin, and further safe twins (`safe-<name>.json`), each with another control. */
export interface ProofFixtures {
  vulnerable: LoadedSnapshot;
  safe: LoadedSnapshot;
  /** Further safe twins by name (file `safe-<name>.json`): each must show nothing, like `safe`. */
  twins?: Record<string, LoadedSnapshot>;
}

/** File name of a further safe twin: `safe-<name>.json`, `<name>` kebab-case. */
export const TWIN_FILE = /^safe-([a-z0-9]+(?:-[a-z0-9]+)*)\.json$/;

/** Every safe snapshot of a proof with the name problems use: `safe`, then `safe-<name>` in name order. */
function safeVariants(fixtures: ProofFixtures): Array<[string, LoadedSnapshot]> {
  const twins = Object.entries(fixtures.twins ?? {}).sort(([a], [b]) => compareStrings(a, b));
  return [['safe', fixtures.safe], ...twins.map(([name, loaded]): [string, LoadedSnapshot] => [`safe-${name}`, loaded])];
}

/** Builds a fixture's graph; principals and workloads tagged FIXTURE_COMPROMISED_TAG are `--from` entries. */
export function buildFixture(loaded: LoadedSnapshot, rules: RuleSet): BuiltGraph {
  return buildGraph(loaded, rules, fixtureOptions(loaded));
}

function fixtureOptions(loaded: LoadedSnapshot): BuildOptions {
  const facts = buildFacts(loaded);
  const tagged = [...facts.principals, ...facts.resources].filter((x) => Object.hasOwn(x.tags, FIXTURE_COMPROMISED_TAG)).map((x) => x.arn);
  return tagged.length ? { whatIf: tagged } : {};
}

/** The one user or role named `attacker`, if the fixture has exactly one. */
export function fixtureAttacker(graph: AttackGraph): string | undefined {
  const found = graph.filterNodes((_, a) => (a.kind === 'user' || a.kind === 'role') && a.label === FIXTURE_ATTACKER);
  return found.length === 1 ? found[0] : undefined;
}

/** The one node whose name starts with `target-`, or a problem. */
export function fixtureTarget(graph: AttackGraph): { target?: string; problem?: string } {
  const found = graph.filterNodes((_, a) => FIXTURE_TARGET.test(a.label));
  return found.length === 1 ? { target: found[0]! } : { problem: `expected one node named ${FIXTURE_TARGET_PREFIX}*, found ${found.length}` };
}

/**
 * What a technique's edge must be: its kind (can-assume for assume-role, data-access for
 * prefix-access, invoke for model invocation, else escalation) and where it leads (account admin
 * for relations that make the caller an administrator and `gain: admin`, the account's
 * foundation models for `gain: model-invocation`, else the `target-*` node).
 */
export function techniqueExpectation(graph: AttackGraph, rule: TechniqueRule, attacker: string): { kind: EdgeKind; target?: string; problem?: string } {
  const relation = RELATIONS[rule.relation];
  const kind = edgeShapeOf(relation, rule).kind;
  const account = graph.getNodeAttribute(attacker, 'accountId');
  if (relation.leadsToAdmin || rule.gain === 'admin') return { kind, ...(account ? { target: nodeIds.admin(account) } : {}) };
  if (rule.gain === 'model-invocation') return { kind, ...(account ? { target: nodeIds.foundationModels(account) } : {}) };
  return { kind, ...fixtureTarget(graph) };
}

/** The edges of a technique leaving `from`, with the node each leads to. */
export function techniqueEdgesFrom(built: EdgeSource, from: string, id: string): Array<EdgeAttrs & { to: string }> {
  return outEdges(built, from)
    .filter((e) => e.attrs.technique === id)
    .map((e) => ({ to: e.to, ...e.attrs }));
}

/**
 * What an entry point reaches: for an entry that stands for an outsider, the ends of its first
 * hops (with whether each holds only under a condition); otherwise the entry node itself (with
 * whether it is only assumed).
 */
export function entryReach(built: BuiltGraph, id: string): Array<{ node: string; open: boolean }> {
  const out: Array<{ node: string; open: boolean }> = [];
  for (const entry of built.entries) {
    if (entry.entryPoint !== id) continue;
    if (!isOutsider(built.graph.getNodeAttribute(entry.node, 'kind'))) {
      out.push({ node: entry.node, open: entry.assumed === true });
      continue;
    }
    for (const { to, attrs } of outEdges(built, entry.node)) if (attrs.entryPoint === id) out.push({ node: to, open: attrs.conditional });
  }
  return out;
}

/** Checks one technique against its fixture snapshots: the vulnerable one and every safe twin. */
export function proveTechnique(rule: TechniqueRule, rules: RuleSet, fixtures: ProofFixtures): ProofResult {
  const problems: string[] = [];
  for (const [variant, loaded] of [['vulnerable', fixtures.vulnerable] as [string, LoadedSnapshot], ...safeVariants(fixtures)]) {
    const built = buildFixture(loaded, rules);
    const { graph } = built;
    const attacker = fixtureAttacker(graph);
    if (!attacker) {
      problems.push(`${variant}: expected exactly one user or role named ${FIXTURE_ATTACKER}`);
      continue;
    }
    const { kind, target, problem } = techniqueExpectation(graph, rule, attacker);
    if (problem || !target) {
      problems.push(`${variant}: ${problem ?? 'no target to check'}`);
      continue;
    }
    const edges = techniqueEdgesFrom(built, attacker, rule.id);
    if (variant !== 'vulnerable') {
      if (!graph.hasNode(target)) problems.push(`${variant}: the target ${target} is missing; a safe twin keeps it and adds a control`);
      if (edges.length) problems.push(`${variant}: ${rule.id} draws ${edges.length} edge(s) from ${FIXTURE_ATTACKER}, expected none`);
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

/** Checks one entry point against its fixture snapshots: the vulnerable one and every safe twin. */
export function proveEntryPoint(rule: EntryPointRule, rules: RuleSet, fixtures: ProofFixtures): ProofResult {
  const problems: string[] = [];
  for (const [variant, loaded] of [['vulnerable', fixtures.vulnerable] as [string, LoadedSnapshot], ...safeVariants(fixtures)]) {
    const built = buildFixture(loaded, rules);
    const { target, problem } = fixtureTarget(built.graph);
    if (problem || !target) {
      problems.push(`${variant}: ${problem ?? 'no target to check'}`);
      continue;
    }
    const reach = entryReach(built, rule.id);
    if (variant !== 'vulnerable' || rule.deprecated) {
      if (reach.length) problems.push(`${variant}: ${rule.id} reaches ${reach.map((r) => r.node).join(', ')}, expected nothing`);
      continue;
    }
    if (reach.length !== 1 || reach[0]!.node !== target) problems.push(`vulnerable: expected ${rule.id} to reach ${target} only, found ${reach.map((r) => r.node).join(', ') || 'nothing'}`);
    else if (reach[0]!.open) problems.push(`vulnerable: ${rule.id} reaches ${target} only under an open condition or an assumption`);
  }
  return { id: rule.id, problems };
}
