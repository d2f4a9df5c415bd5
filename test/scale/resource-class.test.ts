/**
 * On a generated dense account (users and roles that key into, rewrite and assume each other,
 * admins whose rights hang on MFA), deciding once per resource class gives each caller and
 * target the decision the evaluator gives that pair alone: the technique step's memo
 * (src/graph/techniques/requirements.ts) changes no edge. And the classes do merge: a
 * conditional admin's checks over the account collapse to a handful of decisions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDenseAccount } from '../../bench/generator/index.js';
import { classify, decide, type Question } from '../../src/graph/decide.js';
import { buildFacts, type Facts } from '../../src/graph/facts/index.js';
import { loadInputs } from '../../src/load/index.js';

const ACTIONS = ['iam:CreateAccessKey', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachUserPolicy', 'lambda:CreateFunction'];

let dir: string;
let facts: Facts;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blastpath-class-'));
  const file = join(dir, 'dense.json');
  await writeDenseAccount(file, { principals: 90, seed: 'class' });
  facts = buildFacts(await loadInputs([file]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every caller's question on every principal of the account, for one action (and the role's trust for sts:AssumeRole). */
function questions(action: string): Question[][] {
  return facts.principals.map((caller) =>
    facts.principals.map((target) => ({
      caller,
      action,
      resource: target.arn,
      resourceAccount: target.accountId,
      ...(action === 'sts:AssumeRole' && target.kind === 'role' && target.trust ? { resourcePolicy: target.trust, mode: 'required' as const } : {}),
      ...(action === 'iam:AttachUserPolicy' ? { choices: { 'iam:policyarn': { values: ['arn:aws:iam::aws:policy/AdministratorAccess'] } } } : {}),
    })),
  );
}

describe('resource classes on a dense account', () => {
  it('one decision per class is each pair’s own decision', () => {
    let pairs = 0;
    let decisions = 0;
    for (const action of [...ACTIONS, 'sts:AssumeRole']) {
      for (const perCaller of questions(action)) {
        const byClass = new Map<string, ReturnType<typeof decide>>();
        for (const question of perCaller) {
          const { resourceClass, decide: once } = classify(question);
          const key = `${resourceClass}|${question.resourcePolicy?.source.id ?? ''}`;
          let shared = byClass.get(key);
          if (!shared) byClass.set(key, (shared = once()));
          expect(shared).toEqual(decide(question));
          pairs++;
        }
        decisions += byClass.size;
      }
    }
    expect(pairs).toBeGreaterThan(40_000);
    // Most of a caller's checks share a decision: the account's users and roles are few classes.
    expect(decisions).toBeLessThan(pairs / 5);
  });
});
