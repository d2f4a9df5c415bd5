/**
 * Residual simplification (src/iam/residual.ts) and the helpers it leans on: exact operator
 * complements, constants, absorption, De Morgan, canonical order; IP blocks; S3's "public".
 */
import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr } from '../../src/iam/ip.js';
import { isPublicPolicy } from '../../src/iam/index.js';
import { complementOf, renderExpr, simplify, type Expr } from '../../src/iam/residual.js';
import { policy } from './helpers.js';

const a: Expr = { atom: 'IpAddress aws:SourceIp 10.0.0.0/8' };
const notA: Expr = { atom: 'NotIpAddress aws:SourceIp 10.0.0.0/8' };
const b: Expr = { atom: 'Bool aws:MultiFactorAuthPresent true' };
const c: Expr = { atom: 'StringEquals aws:SourceVpce vpce-1' };

describe('simplify', () => {
  it.each<[string, Expr, string]>([
    ['not of an operator with an exact complement', { not: a }, 'NotIpAddress aws:SourceIp 10.0.0.0/8'],
    ['not of Bool is BoolIfExists of the other value', { not: b }, 'BoolIfExists aws:MultiFactorAuthPresent false'],
    ['double negation', { not: { not: c } }, 'StringEquals aws:SourceVpce vpce-1'],
    ['x and not x is false', { all: [a, { not: a }] }, 'false'],
    ['x or its complement is true', { any: [a, notA] }, 'true'],
    ['duplicates collapse', { all: [a, a, { all: [a] }] }, 'IpAddress aws:SourceIp 10.0.0.0/8'],
    ['true is neutral in and', { all: [true, b] }, 'Bool aws:MultiFactorAuthPresent true'],
    ['false absorbs and', { all: [false, b] }, 'false'],
    ['absorption: x and (x or y)', { all: [a, { any: [a, b] }] }, 'IpAddress aws:SourceIp 10.0.0.0/8'],
    ['absorption: x or (x and y)', { any: [a, { all: [a, b] }] }, 'IpAddress aws:SourceIp 10.0.0.0/8'],
    ['De Morgan pushes not to the clauses', { not: { all: [a, c] } }, 'NotIpAddress aws:SourceIp 10.0.0.0/8 or StringNotEquals aws:SourceVpce vpce-1'],
    ['a clause without a complement stays negated', { not: { atom: 'ForAnyValue:StringEquals aws:TagKeys a' } }, 'not (ForAnyValue:StringEquals aws:TagKeys a)'],
    ['alternatives keep their conjunctions', { any: [{ all: [a, b] }, c] }, '(Bool aws:MultiFactorAuthPresent true and IpAddress aws:SourceIp 10.0.0.0/8) or StringEquals aws:SourceVpce vpce-1'],
  ])('%s', (_title, expr, rendered) => {
    expect(renderExpr(simplify(expr))).toBe(rendered);
  });

  it('does not depend on the order of its operands', () => {
    expect(simplify({ any: [c, { all: [b, a] }] })).toEqual(simplify({ any: [{ all: [a, b] }, c] }));
  });

  it.each([
    ['ForAnyValue:StringEquals aws:TagKeys a', undefined],
    ['StringEqualsIfExists aws:x y', undefined],
    ['StringNotEqualsIfExists aws:PrincipalOrgID o-1', 'StringEquals aws:PrincipalOrgID o-1'],
    ['NotIpAddressIfExists aws:SourceIp 10.0.0.0/8', 'IpAddress aws:SourceIp 10.0.0.0/8'],
    ['Null aws:TokenIssueTime true', 'Null aws:TokenIssueTime false'],
    ['ArnNotLike aws:PrincipalArn arn:aws:iam::*:role/x', 'ArnLike aws:PrincipalArn arn:aws:iam::*:role/x'],
  ])('complementOf(%j)', (atom, complement) => {
    expect(complementOf(atom)).toBe(complement);
  });
});

describe('IP blocks (IAM JSON policy elements: Condition operators, IP address)', () => {
  it.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.7', '203.0.113.8', false],
    ['2001:db8::/32', '2001:db8:1234::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['::ffff:192.0.2.0/120', '::ffff:192.0.2.77', true],
    ['0.0.0.0/0', '198.51.100.1', true],
    ['10.0.0.0/8', '2001:db8::1', false],
    ['10.0.0.0/8', 'not-an-ip', false],
  ])('%s contains %s: %s', (block, address, expected) => {
    expect(cidrContains(parseCidr(block)!, address)).toBe(expected);
  });

  it.each(['10.0.0.0/33', '300.1.1.1', '1:2:3', 'fe80::1::2', 'x/8'])('rejects %s', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('public resource policies (S3 User Guide: The meaning of "public")', () => {
  const anyone = { Effect: 'Allow' as const, Principal: '*' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
  it.each([
    ['Principal "*" without a condition', anyone, true],
    ['a fixed account principal', { ...anyone, Principal: { AWS: 'arn:aws:iam::111111111111:root' } }, false],
    ['"*" pinned by a fixed aws:PrincipalOrgID', { ...anyone, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc1234567' } } }, false],
    ['"*" pinned by a fixed aws:SourceVpce', { ...anyone, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b' } } }, false],
    ['"*" limited to a CIDR with aws:SourceIp', { ...anyone, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }, false],
    ['"*" with aws:SourceIp 0.0.0.0/0', { ...anyone, Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }, true],
    ['"*" with a wildcard org id', { ...anyone, Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } }, true],
    ['"*" with an IfExists pin', { ...anyone, Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } } }, true],
    ['"*" with an unrelated condition', { ...anyone, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, true],
    ['a Deny for "*"', { ...anyone, Effect: 'Deny' as const }, false],
  ])('%s: %s', (_title, statement, expected) => {
    expect(isPublicPolicy(policy('resource', 'r', statement))).toBe(expected);
  });
});
