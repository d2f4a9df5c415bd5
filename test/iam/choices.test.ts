/**
 * The machinery behind the caller's choices: the common instance of two wildcard patterns, the
 * address representatives of public space, which keys a request sets, and (fast-check) that a
 * choice over a list of values decides as the best of those values evaluated one by one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, isCallerSetKey, matchesPattern, type Decision, type PolicyStatementInput } from '../../src/iam/index.js';
import { commonInstance } from '../../src/iam/glob-meet.js';
import { addressRepresentatives, isNonPublicBlock } from '../../src/iam/ip-ranges.js';
import { parseCidr } from '../../src/iam/ip.js';
import { ACCT } from './helpers.js';

describe('commonInstance', () => {
  it.each([
    ['arn:*:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/*', 'arn:aws:iam::aws:policy/AdministratorAccess'],
    ['*x', 'y*', 'yx'],
    ['a?c', 'a*', 'axc'],
    ['abc', 'abc', 'abc'],
    ['x*', 'y*', undefined],
    ['a?', 'a', undefined],
  ])('%s and %s meet in %s', (a, b, expected) => {
    expect(commonInstance(a, b)).toBe(expected);
  });

  it('returns a text both patterns match, or none exists over a small alphabet', () => {
    const pattern = fc.stringMatching(/^[ab*?]{0,5}$/);
    const words = ['', 'a', 'b', 'aa', 'ab', 'ba', 'bb', 'aaa', 'aab', 'aba', 'abb', 'baa', 'bab', 'bba', 'bbb', 'abab', 'baba', 'aabb', 'bbaa', 'abba', 'xaxb', 'ax', 'xb', 'x'];
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const meet = commonInstance(a, b);
        const both = (w: string) => matchesPattern(a, w, { caseInsensitive: false }) && matchesPattern(b, w, { caseInsensitive: false });
        if (meet !== undefined) return both(meet);
        return !words.some(both);
      }),
    );
  });
});

describe('public address representatives', () => {
  const blocks = (...texts: string[]) => texts.map((t) => parseCidr(t)!);
  it('has none inside private ranges, and one inside a public block', () => {
    const reps = addressRepresentatives(blocks('10.0.0.0/8', '203.0.113.0/24'), true);
    expect(reps.some((a) => a.startsWith('10.'))).toBe(false);
    expect(reps).toContain('203.0.113.0');
    expect(reps.every((a) => parseCidr(a) !== undefined)).toBe(true);
  });

  it('tells private blocks from public ones', () => {
    expect(blocks('10.1.0.0/16', 'fd00::/8', '192.168.1.0/24').every(isNonPublicBlock)).toBe(true);
    expect(blocks('10.0.0.0/7', '203.0.113.0/24', '2001:db8::/32').some(isNonPublicBlock)).toBe(false);
  });
});

describe('keys the caller sets', () => {
  it.each([
    ['aws:securetransport', true],
    ['aws:sourceip', true],
    ['aws:requestedregion', true],
    ['aws:requesttag/team', true],
    ['s3:prefix', true],
    ['iam:passedtoservice', true],
    ['aws:principalarn', false],
    ['aws:multifactorauthpresent', false],
    ['aws:resourcetag/team', false],
    ['s3:existingobjecttag/team', false],
    ['iam:resourcetag/team', false],
  ])('%s: %s', (key, expected) => {
    expect(isCallerSetKey(key)).toBe(expected);
  });
});

describe('a choice over listed values', () => {
  const RANK: Record<Decision, number> = { denied: 0, conditional: 1, allowed: 2 };
  const VALUES = ['arn:aws:iam::aws:policy/AdministratorAccess', `arn:aws:iam::${ACCT}:policy/admin`, 'arn:aws:iam::aws:policy/ReadOnlyAccess'];
  const OPERATORS = ['ArnEquals', 'ArnNotEquals', 'ArnLike', 'StringLike', 'StringNotLike'];
  const PATTERNS = [...VALUES, 'arn:aws:iam::aws:policy/*', `arn:aws:iam::${ACCT}:policy/*`, '*'];
  const statement = fc.record({
    effect: fc.constantFrom('Allow' as const, 'Deny' as const),
    operator: fc.constantFrom(...OPERATORS),
    values: fc.subarray(PATTERNS, { minLength: 1, maxLength: 2 }),
    mfa: fc.boolean(),
  });

  it('is the best of the values decided one by one (at least, when open picks complement each other)', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 4 }), fc.subarray(VALUES, { minLength: 1 }), (statements, picks) => {
        const policy = compilePolicy(
          {
            Version: '2012-10-17',
            Statement: statements.map(
              (s): PolicyStatementInput => ({
                Effect: s.effect,
                Action: 'iam:AttachRolePolicy',
                Resource: '*',
                Condition: { [s.operator]: { 'iam:PolicyARN': s.values }, ...(s.mfa ? { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } : {}) },
              }),
            ),
          },
          { kind: 'identity', id: 'p' },
        );
        const request = { principal: { arn: `arn:aws:iam::${ACCT}:role/r`, type: 'role' as const, accountId: ACCT }, action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${ACCT}:role/r` };
        const chosen = evaluate({ ...request, choices: { 'iam:policyarn': { values: picks } } }, { identity: [policy] });
        const each = picks.map((v) => RANK[evaluate({ ...request, context: { 'iam:policyarn': [v] } }, { identity: [policy] }).decision]);
        const best = Math.max(...each);
        expect(RANK[chosen.decision]).toBeGreaterThanOrEqual(best);
        if (best === 0) expect(chosen.decision).toBe('denied');
        if (chosen.decision === 'allowed' && chosen.chosen) {
          expect(evaluate({ ...request, context: { 'iam:policyarn': [chosen.chosen['iam:policyarn']!] } }, { identity: [policy] }).decision).toBe('allowed');
        }
      }),
    );
  });
});
