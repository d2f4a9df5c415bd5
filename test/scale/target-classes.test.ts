/**
 * Target numbers (src/graph/techniques/target-classes.ts): a caller's decision per resource
 * class is found by a number per target, shared by callers whose statements hold the same
 * resource patterns, instead of the class text built per pair. Random statement lists and
 * resources: two resources found by number under one request are always of one class text.
 * The demo, a generated dense account and a generated organization: the technique step's
 * edges and blocks are those of the reference path (`reference: true`: every class text built,
 * a caller's own actions decided per pair, no decision reused across relations), field for
 * field and in order (the default path also groups targets, target-groups.ts). Assume-role
 * edges reusing role takeovers' decisions are those decided afresh.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../bench/generator/random.js';
import { writeDenseAccount, writeSnapshot } from '../../bench/generator/index.js';
import { adminEdges } from '../../src/graph/admin.js';
import { ProvenanceKeys } from '../../src/graph/edges.js';
import { EvaluationEnvironment, type ResourceFacts } from '../../src/graph/facts/environment.js';
import { buildFacts, type Principal } from '../../src/graph/facts/index.js';
import { foundationModelAccounts } from '../../src/graph/foundation-models.js';
import { RELATIONS, techniqueEdges } from '../../src/graph/techniques/index.js';
import { TechniqueRun } from '../../src/graph/techniques/relation.js';
import { decideAll } from '../../src/graph/techniques/requirements.js';
import { TargetClasses } from '../../src/graph/techniques/target-classes.js';
import { compilePolicy, resourceClass, type AccessRequest, type CompiledPolicy, type EvaluationResult, type PolicySet } from '../../src/iam/index.js';
import { loadInputs, type LoadedInput } from '../../src/load/index.js';
import { loadRules } from '../../src/rules/index.js';
import { placedEdges, sameEdgesView } from '../support/technique-step.js';

const rules = loadRules();
let dir: string;
const inputs: Record<string, LoadedInput> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-target-classes-'));
  const dense = join(dir, 'dense.json');
  await writeDenseAccount(dense, { principals: 300, seed: '3' });
  const org = join(dir, 'org.json');
  await writeSnapshot(org, { roles: 300, accounts: 4, seed: 'target-classes' });
  inputs['demo'] = await loadInputs(['fixtures/demo']);
  inputs['dense'] = await loadInputs([dense]);
  inputs['organization'] = await loadInputs([org]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Resource patterns statements are drawn from: globs, `*`, policy variables, other services. */
const PATTERNS = [
  '*',
  'arn:aws:iam::111122223333:role/a-*',
  'arn:aws:iam::111122223333:role/*',
  'arn:aws:iam::111122223333:role/a-1',
  'arn:aws:iam::111122223333:user/${aws:username}',
  'arn:aws:iam::111122223333:user/b?',
  'arn:aws:iam::*:user/*',
  'arn:aws:s3:::bucket-*/*',
  'arn:aws:s3:::bucket-1',
  'arn:aws:lambda:us-east-1:111122223333:function:f-*',
  'arn:aws:lambda:*:111122223333:function:*',
];

const RESOURCES = [
  'arn:aws:iam::111122223333:role/a-1',
  'arn:aws:iam::111122223333:role/a-2',
  'arn:aws:iam::111122223333:role/b-1',
  'arn:aws:iam::111122223333:user/b1',
  'arn:aws:iam::111122223333:user/c1',
  'arn:aws:iam::444455556666:user/b1',
  'arn:aws:s3:::bucket-1',
  'arn:aws:s3:::bucket-1/key',
  'arn:aws:s3:::bucket-2',
  'arn:aws:lambda:us-east-1:111122223333:function:f-1',
  'arn:aws:lambda:eu-west-1:111122223333:function:f-1',
  'arn:aws:lambda:us-east-1:111122223333:function:g-1',
];

/** Facts for some resources: tags, a bucket's region, Block Public Access, an AWS managed flag. */
const FACTS: ReadonlyMap<string, ResourceFacts> = new Map<string, ResourceFacts>([
  ['arn:aws:iam::111122223333:role/a-1', { tags: { team: 'a' } }],
  ['arn:aws:iam::111122223333:role/a-2', { tags: { team: 'a' } }],
  ['arn:aws:iam::111122223333:role/b-1', { tags: { team: 'b' } }],
  ['arn:aws:s3:::bucket-1', { tags: {}, region: 'us-east-1', restrictPublicBuckets: true }],
  ['arn:aws:s3:::bucket-2', { tags: {}, region: 'us-east-1' }],
  ['arn:aws:lambda:eu-west-1:111122223333:function:f-1', { tags: {}, awsManaged: true }],
]);

function randomPolicy(rng: Rng, id: string, variables: boolean): CompiledPolicy {
  const statements = Array.from({ length: rng.int(1, 4) }, () => {
    const resources = rng.sample(PATTERNS, rng.int(1, 3));
    return {
      Effect: rng.chance(0.7) ? ('Allow' as const) : ('Deny' as const),
      Action: rng.pick(['iam:*', 's3:GetObject', 'lambda:*', '*']),
      ...(rng.chance(0.2) ? { NotResource: resources } : { Resource: resources }),
    };
  });
  return compilePolicy({ ...(variables ? { Version: '2012-10-17' } : {}), Statement: statements }, { kind: 'identity', id });
}

describe('target numbers', () => {
  it('find a decision only among resources of one class text (random statements, resources and facts)', () => {
    const rng = new Rng('target-classes');
    const environment = new EvaluationEnvironment(undefined, FACTS);
    let questions = 0;
    let classified = 0;
    for (let trial = 0; trial < 300; trial++) {
      const classes = new TargetClasses(environment);
      const identity = Array.from({ length: rng.int(1, 3) }, (_, i) => randomPolicy(rng, `p${trial}-${i}`, rng.chance(0.8)));
      const rcps = [[randomPolicy(rng, `rcp${trial}`, false)]];
      const caller = { arn: 'arn:aws:iam::111122223333:user/b1', environment } as unknown as Principal;
      const action = rng.pick(['iam:CreateAccessKey', 's3:GetObject', 'lambda:UpdateFunctionCode']);
      for (const resource of [...rng.sample(RESOURCES, RESOURCES.length), ...rng.sample(RESOURCES, 6)]) {
        const facts = environment.resourceFacts(resource);
        // What decide.ts's classify gives: the class text of the request's policy set (no RCPs on AWS managed keys).
        const policies: PolicySet = { identity, ...(facts?.awsManaged ? {} : { rcps }), ...(facts?.restrictPublicBuckets ? { restrictPublicBuckets: true } : {}) };
        const request: AccessRequest = { principal: { arn: caller.arn, type: 'user', accountId: '111122223333' }, action, resource, context: { 'aws:username': ['b1'] }, ...(facts ? { resourceTags: facts.tags } : {}), ...(facts?.region ? { resourceRegion: facts.region } : {}) };
        const text = resourceClass(request, policies);
        const result = classes.decision(caller, action.toLowerCase(), { account: '', policy: 0 }, action, resource, () => {
          classified++;
          return { resourceClass: text, policies, decide: () => ({ decision: 'allowed', text }) as unknown as EvaluationResult };
        });
        questions++;
        expect((result as unknown as { text: string }).text).toBe(text);
      }
    }
    // Numbers do merge: most questions are answered without building a class text.
    expect(classified).toBeLessThan(questions * 0.8);
  });

  it('assume-role edges reusing role takeovers’ decisions are those decided afresh (dense)', () => {
    const assume = rules.techniques.findIndex((t) => t.id === 'sts-assume-role');
    const run = (indices: number[]) => {
      const facts = buildFacts(inputs['dense']!);
      const keys = new ProvenanceKeys();
      const { admins } = adminEdges(facts, keys);
      const found = techniqueEdges(facts, rules, { admins, modelAccounts: foundationModelAccounts(facts, rules) }, keys, { schedule: { rules: indices } });
      return placedEdges(found).filter(([, , , attrs]) => attrs.technique === 'sts-assume-role').map(([key, , , attrs]) => JSON.stringify([key, attrs]));
    };
    const alone = run([assume]);
    // Every rule before it, as a build runs them: role takeovers decide many of the same questions first.
    const after = run(rules.techniques.map((_, i) => i).filter((i) => i <= assume));
    expect(alone.length).toBeGreaterThan(100);
    expect(after).toEqual(alone);
  });

  it('decide a created resource per caller only where no target region names it', () => {
    const facts = buildFacts(inputs['dense']!);
    const rule = rules.techniques.find((t) => t.id === 'lambda-create-function-invoke')!;
    const base = facts.principals.find((p) => p.kind === 'user')!;
    const role = facts.principals.find((p) => p.kind === 'role')!;
    // May create functions in eu-west-1 only: a target in us-east-1 is denied, one in eu-west-1 allowed.
    const identity = [
      compilePolicy(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['iam:PassRole', 'lambda:InvokeFunction'], Resource: '*' },
            { Effect: 'Allow', Action: 'lambda:CreateFunction', Resource: `arn:aws:lambda:eu-west-1:${base.accountId}:function:*` },
          ],
        },
        { kind: 'identity', id: 'test#regional' },
      ),
    ];
    const caller: Principal = { ...base, identity };
    const decisions = (reference: boolean, regions: string[]) => {
      const run = new TechniqueRun(facts, rules, { admins: new Set(), modelAccounts: new Set() }, new ProvenanceKeys(), RELATIONS, { blocks: false, reference });
      return regions.map((region) => decideAll(run, rule, caller, { arn: role.arn, accountId: role.accountId, principal: role, region })?.map((d) => [d.action, d.resource, d.result.decision]));
    };
    for (const regions of [['us-east-1', 'eu-west-1'], ['eu-west-1', 'us-east-1']]) {
      const found = decisions(false, regions);
      expect(found).toEqual(decisions(true, regions));
      expect(found.filter((d) => d !== undefined)).toHaveLength(1);
    }
  });

  for (const name of ['demo', 'dense', 'organization']) {
    it(`leave the technique step's edges and blocks as the reference path makes them (${name})`, () => {
      const step = (reference: boolean) => {
        const facts = buildFacts(inputs[name]!);
        const keys = new ProvenanceKeys();
        const { admins } = adminEdges(facts, keys);
        return techniqueEdges(facts, rules, { admins, modelAccounts: foundationModelAccounts(facts, rules) }, keys, { reference });
      };
      const numbered = step(false);
      const texts = step(true);
      expect(numbered.edges.size).toBeGreaterThan(0);
      // sts-assume-role's shared decisions make blocks where the reference path draws pairs: read at their places, the same edges.
      expect(sameEdgesView(numbered)).toEqual(sameEdgesView(texts));
    });
  }
});
