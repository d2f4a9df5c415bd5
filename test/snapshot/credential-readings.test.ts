/**
 * Two shortcuts of input redaction (src/snapshot/credentials.ts) give the answers of the long
 * way: TOKEN_PREFIX lets a value skip the token patterns only when none of them could match it,
 * and NameReadings (one per redaction run) reads each variable name once, each question apart.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOKEN_PATTERNS, TOKEN_PREFIX } from '../../src/snapshot/credential-patterns.js';
import { detectCredential, NameReadings } from '../../src/snapshot/credentials.js';

const TOKENS = [
  'sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab',
  'sk-ant-api03-FAKEfakeFAKEfake0123456789-FAKEfake',
  'hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeAB',
  'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000',
  'ghu_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000',
  'github_pat_11FAKEFAKE0_FAKEfakeFAKEfakeFAKEfake',
  'xoxb-000000000000-000000000000-FAKEfakeFAKEfakeFAKEfake',
  'xoxs-000000000000-FAKE',
];

/** Does any token pattern find a token in the text (before plausibility)? */
const anyTokenPattern = (text: string) => TOKEN_PATTERNS.some((p) => (text.match(p.regex)?.length ?? 0) > 0);

/** Text made of token-like pieces: prefixes, near-misses of them, and runs of the tokens' alphabet. */
const tokenish = fc
  .array(
    fc.oneof(
      fc.constantFrom('sk-', 'sk-ant-', 'sk', 'hf_', 'hf', 'gh', 'ghp_', 'ghs_', 'gho_', 'ghr_', 'ghx_', 'github_pat_', 'github_', 'xox', 'xoxa-', 'xoxr-', 'xoxz-', '-', '_', ' ', '"', 'arn:aws:'),
      fc.stringMatching(/^[A-Za-z0-9]{0,45}$/),
    ),
    { maxLength: 6 },
  )
  .map((pieces) => pieces.join(''));

describe('TOKEN_PREFIX', () => {
  it('is in every token the patterns find', () => {
    for (const token of TOKENS) {
      expect(anyTokenPattern(token)).toBe(true);
      expect(TOKEN_PREFIX.test(`value ${token} inside`)).toBe(true);
    }
    fc.assert(
      fc.property(tokenish, (text) => !anyTokenPattern(text) || TOKEN_PREFIX.test(text)),
      { numRuns: 3000 },
    );
  });
});

/** Names whose two readings differ, and names that read alike in both. */
const NAMES = ['ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY', 'secretArn', 'DB_PASSWORD', 'ApiKey', 'PAD_TOKEN', 'SECRET', 'HOME', 'aws_secret_key', 'AUTH_TOKEN'];
const VALUES = [
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'correct-horse-battery-staple',
  'arn:aws:secretsmanager:us-east-1:111111111111:secret:x',
  'sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab',
  '12345678',
  'postgres://app:FakePassw0rd@db.internal:5432/app',
  'short',
];

describe('NameReadings', () => {
  it('answers as reading every name anew, whatever the order of questions', () => {
    const names = new NameReadings();
    const questions = NAMES.flatMap((name) => VALUES.flatMap((value) => [true, false].map((paired) => ({ name, value, paired }))));
    // Backwards first, so each name is first read by another question than in the forward pass.
    for (const { name, value, paired } of [...questions].reverse()) detectCredential(name, value, { pairedWithAccessKeyId: paired, names });
    for (const { name, value, paired } of questions) {
      expect(detectCredential(name, value, { pairedWithAccessKeyId: paired, names })).toEqual(detectCredential(name, value, { pairedWithAccessKeyId: paired }));
    }
    expect(names.isAwsSecret('ACCESS_KEY')).toBe(true);
    expect(names.isSecret('ACCESS_KEY')).toBe(false);
  });
});
