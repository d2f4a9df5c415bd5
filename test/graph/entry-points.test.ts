/**
 * The entry-point registry: each enabled rule runs its own detector, once; a retired rule's
 * detector draws nothing, whatever the other rules; a rule naming no registered detector is a
 * rule error; `--from` without the what-if rule is an input error, not a silent no-op.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError, RuleError } from '../../src/core/errors.js';
import { forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph, type BuiltGraph, type LoadedSnapshot } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { loadRules, type RuleSet } from '../../src/rules/index.js';

const rules = loadRules();
/** A role of the demo to declare compromised. */
const WHAT_IF = 'arn:aws:iam::222222222222:role/dp-glue-etl-role';

let loaded: LoadedSnapshot;
let full: BuiltGraph;
beforeAll(async () => {
  loaded = await loadInputs(['fixtures/demo']);
  full = buildGraph(loaded, rules, { whatIf: [WHAT_IF] });
});

/** The rules with one entry-point rule retired. */
const retiring = (id: string): RuleSet => ({ ...rules, entryPoints: rules.entryPoints.map((r) => (r.id === id ? { ...r, deprecated: true } : r)) });

/** Entries as `node|entryPoint`, and first hops as `from|to|entryPoint`. */
function entriesOf(built: BuiltGraph): string[] {
  return built.entries.map((e) => `${e.node}|${e.entryPoint}`).sort();
}
function hopsOf(built: BuiltGraph): string[] {
  const out: string[] = [];
  forEachEdge(built, (_key, attrs, from, to) => {
    if (attrs.entryPoint) out.push(`${from}|${to}|${attrs.entryPoint}`);
  });
  return out.sort();
}

describe('entry-point detectors', () => {
  it('finds every kind the demo plants, the what-if entry included', () => {
    expect([...new Set(full.entries.map((e) => e.entryPoint))].sort()).toEqual([
      'cognito-guest-access',
      'credential-in-configuration',
      'ec2-instance-public-foothold',
      'eks-irsa-any-service-account',
      'eks-node-role-from-pods',
      'front-door-authorizer',
      'front-door-open',
      'iam-user-access-key',
      'lambda-function-url-public',
      'oidc-trust-without-subject',
      'resource-policy-public',
      'role-trusts-external-account',
      'what-if',
    ]);
  });

  it.each(rules.entryPoints.map((r) => r.id))('%s retired: its entries and first hops go, every other stays', (id) => {
    const built = buildGraph(loaded, retiring(id), id === 'what-if' ? {} : { whatIf: [WHAT_IF] });
    const others = (list: string[]) => list.filter((x) => !x.endsWith(`|${id}`));
    expect(entriesOf(built)).toEqual(others(entriesOf(full)));
    expect(hopsOf(built)).toEqual(others(hopsOf(full)));
  });

  it('refuses a rule whose detector is not registered, naming the file and field', () => {
    const broken = { ...rules, entryPoints: rules.entryPoints.map((r) => (r.id === 'what-if' ? { ...r, detector: 'what-if-typo' } : r)) };
    expect(() => buildGraph(loaded, broken)).toThrow(RuleError);
    expect(() => buildGraph(loaded, broken)).toThrow(/^rules: entry-points\/what-if\.yaml: detector: one of .*what-if.*, found "what-if-typo"$/);
  });

  it('refuses --from when no rule enables the what-if entry point', () => {
    expect(() => buildGraph(loaded, retiring('what-if'), { whatIf: [WHAT_IF] })).toThrow(InputError);
  });

  it('refuses --from naming something that is no user, role or workload', () => {
    expect(() => buildGraph(loaded, rules, { whatIf: ['arn:aws:s3:::no-such-bucket'] })).toThrow(/--from: arn:aws:s3:::no-such-bucket is not a user, role or workload in the snapshot/);
  });
});
