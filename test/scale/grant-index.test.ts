/**
 * The grant index narrows candidate callers by the resource patterns of their identity
 * policies. It must never drop a principal the evaluator could allow through an identity
 * policy: checked exhaustively on the demo, and case by case on small policies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../bench/generator/index.js';
import type { PolicyStatementInput } from '../../src/iam/index.js';
import { decide } from '../../src/graph/decide.js';
import { buildFacts, GrantIndex, type Principal } from '../../src/graph/facts/index.js';
import { loadInputs } from '../../src/load/index.js';
import { testRole } from '../support/principal.js';

const ACCT = '111111111111';

const principal = (name: string, ...statements: PolicyStatementInput[]): Principal => testRole(ACCT, name, ...statements);

const reader = principal('reader', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-*/*' });
const prefixed = principal('prefixed', { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::data-raw/exports/*' });
const everything = principal('everything', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
const notResource = principal('not-resource', { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' });
const variable = principal('variable', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' });
const denier = principal('denier', { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' });
const index = new GrantIndex([reader, prefixed, everything, notResource, variable, denier]);

describe('GrantIndex', () => {
  it.each([
    ['s3:GetObject', 'arn:aws:s3:::data-raw/*', ['reader', 'everything', 'not-resource']],
    ['s3:GetObject', 'arn:aws:s3:::data-raw/exports/*', ['reader', 'prefixed', 'everything', 'not-resource']],
    ['s3:GetObject', 'arn:aws:s3:::home/alice/*', ['everything', 'not-resource', 'variable']],
    ['s3:GetObject', 'arn:aws:s3:::other/*', ['everything', 'not-resource']],
    ['S3:GETOBJECT', 'arn:aws:s3:::data-x/*', ['reader', 'everything', 'not-resource']],
    ['iam:PassRole', 'arn:aws:iam::111111111111:role/x', []],
    ['s3:PutObject', 'arn:aws:s3:::data-raw/*', ['everything', 'not-resource']],
  ])('%s on %s: %j', (action, resource, names) => {
    expect(index.principalsFor(action, resource).map((p) => p.name)).toEqual(names);
    for (const p of [reader, prefixed, everything, notResource, variable, denier]) {
      expect(index.mayAllow(p, action, resource)).toBe(names.includes(p.name));
    }
  });

  it('answers for one account when asked', () => {
    const elsewhere = { ...principal('elsewhere', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), accountId: '222222222222' };
    const twoAccounts = new GrantIndex([reader, elsewhere]);
    expect(twoAccounts.principalsFor('s3:GetObject', 'arn:aws:s3:::data-raw/*').map((p) => p.name)).toEqual(['reader', 'elsewhere']);
    expect(twoAccounts.principalsFor('s3:GetObject', 'arn:aws:s3:::data-raw/*', ACCT).map((p) => p.name)).toEqual(['reader']);
    expect(twoAccounts.principalsFor('s3:GetObject', 'arn:aws:s3:::data-raw/*', '222222222222').map((p) => p.name)).toEqual(['elsewhere']);
    expect(twoAccounts.principalsFor('s3:GetObject', 'arn:aws:s3:::data-raw/*', '333333333333')).toEqual([]);
  });

  it('answers each question as a fresh index does, whatever action was asked before', () => {
    const all = [reader, prefixed, everything, notResource, variable, denier];
    const questions: Array<[string, string]> = [
      ['s3:GetObject', 'arn:aws:s3:::data-raw/*'],
      ['s3:PutObject', 'arn:aws:s3:::data-raw/*'],
      ['s3:GetObject', 'arn:aws:s3:::data-raw/exports/*'],
      ['S3:GETOBJECT', 'arn:aws:s3:::home/alice/*'],
      ['iam:PassRole', 'arn:aws:s3:::data-raw/*'],
      ['s3:GetObject', 'arn:aws:s3:::data-raw/exports/*'],
      ['s3:PutObject', 'arn:aws:s3:::data-raw/exports/*'],
    ];
    const asked = new GrantIndex(all);
    for (const [action, resource] of [...questions, ...questions.reverse()]) {
      const fresh = new GrantIndex(all);
      expect(asked.principalsFor(action, resource).map((p) => p.name)).toEqual(fresh.principalsFor(action, resource).map((p) => p.name));
      expect(asked.longestPrefix(action, resource, ACCT)).toBe(new GrantIndex(all).longestPrefix(action, resource, ACCT));
    }
  });

  it('keeps every principal the evaluator allows through identity policies (demo)', async () => {
    const loaded = await loadInputs(['fixtures/demo']);
    const facts = buildFacts(loaded);
    const grants = new GrantIndex(facts.principals);
    // Each action against the resources of its own service (plus a wildcard-only ARN).
    const arns = (prefix: string, suffix = '') => facts.resources.filter((r) => r.arn.startsWith(prefix)).map((r) => r.arn + suffix);
    const roles = facts.principals.map((p) => p.arn);
    const cases: Array<[string, string[]]> = [
      ['s3:GetObject', arns('arn:aws:s3:::', '/*')],
      ['s3:PutObject', arns('arn:aws:s3:::', '/*')],
      ['s3:PutBucketPolicy', arns('arn:aws:s3:::')],
      ['secretsmanager:GetSecretValue', arns('arn:aws:secretsmanager:')],
      ['kms:Decrypt', arns('arn:aws:kms:')],
      ['sagemaker:InvokeEndpoint', arns('arn:aws:sagemaker:')],
      ['lambda:UpdateFunctionCode', arns('arn:aws:lambda:')],
      ['sts:AssumeRole', roles],
      ['iam:PassRole', roles],
      ['iam:CreateAccessKey', roles],
    ];
    let checked = 0;
    for (const [action, resources] of cases) {
      for (const resource of resources) {
        const candidates = new Set(grants.principalsFor(action, resource));
        for (const caller of facts.principals) {
          if (candidates.has(caller)) continue;
          checked++;
          expect(decide({ caller, action, resource }).decision, `${caller.arn} ${action} ${resource}`).toBe('denied');
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('answers in facts order, each principal once, the principals whose prefixes start the resource (generated organization)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blastpath-grant-index-'));
    try {
      const file = join(dir, 'org.json');
      await writeSnapshot(file, { roles: 300, accounts: 4, seed: 'grant-index' });
      const facts = buildFacts(await loadInputs([file]));
      const grants = new GrantIndex(facts.principals);
      const accounts = [undefined, ...facts.accounts.keys()];
      const actions = ['s3:GetObject', 'lambda:UpdateFunctionCode', 'lambda:InvokeFunction', 'secretsmanager:GetSecretValue', 'iam:PassRole'];
      let answers = 0;
      for (const resource of facts.resources.filter((_, i) => i % 7 === 0)) {
        for (const action of actions) {
          for (const accountId of accounts) {
            const expected = facts.principals.filter((p) => (accountId === undefined || p.accountId === accountId) && grants.mayAllow(p, action, resource.arn));
            const found = grants.principalsFor(action, resource.arn, accountId);
            expect(found).toEqual(expected);
            answers += found.length;
          }
        }
      }
      expect(answers).toBeGreaterThan(1000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
