/**
 * The access step (src/graph/access.ts) and the tool-grant step (src/graph/tool-grants.ts) ask
 * the evaluator only about candidates from indexes, filter each shared candidate set once (same-
 * account admins, admins), and skip certain denials. Their grants must equal, exactly, those of
 * the evaluator asked directly about every principal and every crown jewel access or function
 * (no exception: a resource policy admitting `*` counts every principal of its account), on the
 * demo and a generated organization, and on a hand-made account where a filter applied to the
 * wrong account would drop an edge.
 */
import { describe, expect, it } from 'vitest';
import { accessArn, accessEdges, accessSpecs, keyDecision } from '../../src/graph/access.js';
import { adminEdges } from '../../src/graph/admin.js';
import { decide } from '../../src/graph/decide.js';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { buildFacts, GrantIndex, type Facts, type Resource } from '../../src/graph/facts/index.js';
import { foundationModelAccounts } from '../../src/graph/foundation-models.js';
import { findCrownJewels, type CrownJewel } from '../../src/graph/sensitivity.js';
import { toolGrants } from '../../src/graph/tool-grants.js';
import { compilePolicy } from '../../src/iam/index.js';
import { loadRules } from '../../src/rules/index.js';
import { testRole as role } from '../support/principal.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';

const rules = loadRules();

/** The step's grants equal the evaluator's, each once. */
function expectSame(found: string[], plain: string[]): void {
  expect(found).toEqual([...plain].sort());
  expect(new Set(found).size).toBe(found.length);
}

/** The access edges the evaluator gives when asked about every principal (no open access assumed). */
function plainAccess(facts: Facts, jewels: ReadonlyMap<string, CrownJewel>, admins: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const jewel of jewels.values()) {
    const resource = facts.resourcesByArn.get(jewel.node);
    if (!resource) continue;
    const specs = accessSpecs(rules, resource);
    for (const access of jewel.impacts.keys()) {
      const spec = specs[access];
      if (!spec) continue;
      const arn = accessArn(spec, resource);
      for (const caller of facts.principals) {
        if (admins.has(caller.arn) && caller.accountId === resource.accountId) continue;
        const granted = spec.anyOf.some((action) => decide({ caller, action, resource: arn, resourceAccount: resource.accountId, ...(resource.policy ? { resourcePolicy: resource.policy } : {}), mode: resource.kind === 'kms-key' ? 'required' : 'optional' }).decision !== 'denied') && keyDecision(facts, caller, spec, resource)?.result.decision !== 'denied';
        if (granted) out.push(`${caller.arn} ${access} ${resource.arn}`);
      }
    }
  }
  return out;
}

/** The functions each non-admin principal may invoke, by the evaluator asked about every pair. */
function plainTools(facts: Facts, admins: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const fn of facts.resources) {
    if (fn.kind !== 'lambda-function') continue;
    for (const caller of facts.principals) {
      if (admins.has(caller.arn)) continue;
      // A direct call: not through a function URL (tool-grants.ts).
      const result = decide({ caller, action: 'lambda:InvokeFunction', resource: fn.arn, resourceAccount: fn.accountId, ...(fn.policy ? { resourcePolicy: fn.policy } : {}), mode: 'optional', context: { 'lambda:invokedviafunctionurl': null } });
      if (result.decision !== 'denied') out.push(`${caller.arn} ${fn.arn}`);
    }
  }
  return out;
}

function steps(facts: Facts) {
  const keys = new ProvenanceKeys();
  const { admins } = adminEdges(facts, keys);
  const jewels = findCrownJewels(facts, rules, foundationModelAccounts(facts, rules));
  const edges = accessEdges(facts, rules, { jewels, admins, open: new Set() }, keys);
  const access = [...edges].map(([, e]) => `${e.from} ${e.attrs.access ?? 'invoke'} ${e.to}`).sort();
  const tools = [...toolGrants(facts, admins, new Set(facts.principals.map((p) => p.arn)))].flatMap(([caller, fns]) => fns.map((fn) => `${caller} ${fn}`)).sort();
  return { admins, jewels, access, tools };
}

const facts = demoAndOrganization('access-steps', 120, (input) => buildFacts(input));

describe('access and tool-grant steps against the evaluator asked directly', () => {
  for (const name of ['demo', 'organization']) {
    it(`give every grant the evaluator gives (${name})`, () => {
      const f = facts[name]!;
      const { admins, jewels, access, tools } = steps(f);
      expectSame(access, plainAccess(f, jewels, admins));
      expectSame(tools, plainTools(f, admins));
      expect(access.length).toBeGreaterThan(5);
      expect(tools.length).toBeGreaterThan(0);
    }, 120_000);
  }
});

describe('admins left out of shared candidate sets', () => {
  const A = '111111111111';
  const B = '222222222222';
  const everything = { Effect: 'Allow' as const, Action: '*', Resource: '*' };
  // Admins of both accounts, and a reader of each: B's admin reads A's bucket across accounts.
  const principals = [role(A, 'admin-a', everything), role(A, 'reader-a', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), role(B, 'admin-b', everything), role(B, 'reader-b', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })];
  const bucket = (account: string, name: string): Resource => ({
    arn: `arn:aws:s3:::${name}`,
    kind: 'bucket',
    name,
    accountId: account,
    partition: 'aws',
    tags: {},
    flags: [],
    policy: compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:root`, `arn:aws:iam::${B}:root`] }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] }, { kind: 'resource', id: `arn:aws:s3:::${name}#resource-policy` }),
  });
  const resources = [bucket(A, 'data-a'), bucket(B, 'data-b')];
  const small = {
    principals,
    principalsByArn: new Map(principals.map((p) => [p.arn, p])),
    principalsByAccount: new Map([[A, principals.slice(0, 2)], [B, principals.slice(2)]]),
    grants: new GrantIndex(principals),
    resources,
    resourcesByArn: new Map(resources.map((r) => [r.arn, r])),
  } as unknown as Facts;
  const jewels = new Map<string, CrownJewel>(resources.map((r) => [r.arn, { node: r.arn, rules: ['test'], impacts: new Map([['read', 'test']]) } as unknown as CrownJewel]));

  it('drops an admin only for its own account\'s jewels', () => {
    const admins = new Set([principals[0]!.arn, principals[2]!.arn]);
    const edges = accessEdges(small, rules, { jewels, admins, open: new Set() }, new ProvenanceKeys());
    const found = [...edges].map(([, e]) => `${e.from.split('/')[1]} ${e.to.split(':::')[1]}`).sort();
    expect(found).toEqual(['admin-a data-b', 'admin-b data-a', 'reader-a data-a', 'reader-a data-b', 'reader-b data-a', 'reader-b data-b']);
  });
});
