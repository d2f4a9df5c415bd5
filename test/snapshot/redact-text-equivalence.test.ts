/**
 * The output filter tries each pattern only where a match can start; the plain global regexes
 * (test/support/redact-text-regex.ts, the filter as first written) are the oracle it must equal
 * on every text: random mixtures of the characters and words the patterns turn on, credentials
 * at run boundaries, near-misses one character short or long, and whole reports.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/pipeline.js';
import { redactText } from '../../src/snapshot/index.js';
import { redactTextByRegex } from '../support/redact-text-regex.js';

const ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** A small seeded generator, so a failure names a case that can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Pieces the patterns turn on: prefixes, separators, neighbours that end or extend a run, unicode. */
const PIECES = [
  'AKIA', 'ASIA', 'sk-', 'sk-ant-', 'hf_', 'ghp_', 'gho_', 'github_pat_', 'xoxb-', 'xoxz-', '://', 'https://', 'postgres://',
  '@', ':', '/', '+', '=', '==', '-', '_', '.', ' ', '\n', '\t', '"', "'", '`', '<', '>', ',', '\\n', '-----BEGIN ', 'RSA ',
  'PRIVATE KEY', '-----', '-----END ', ' BLOCK', 'secret', 'SECRET', 'arn:', 'arn:aws:s3:::', '${PW}', '***', '%s', 'é', 'ı',
  'ſ', 'K', '\u00a0', '\u2028', '😀', 'user', 'pass', ID, SECRET, 'ASIAXAMPLETEMPKEY123',
];

function pick<T>(next: () => number, list: readonly T[] | string): T | string {
  return list[Math.floor(next() * list.length)]!;
}

function run(next: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += pick(next, alphabet);
  return out;
}

/** A text of random pieces and runs whose lengths sit around the patterns' own (15, 20, 40). */
function randomText(next: () => number): string {
  let text = '';
  const parts = 1 + Math.floor(next() * 30);
  for (let i = 0; i < parts; i++) {
    const r = next();
    if (r < 0.45) text += pick(next, PIECES);
    else if (r < 0.65) text += run(next, BASE64, 36 + Math.floor(next() * 9));
    else if (r < 0.75) text += run(next, UPPER_DIGITS, 14 + Math.floor(next() * 9));
    else if (r < 0.85) text += run(next, `${BASE64}_-`, 10 + Math.floor(next() * 40));
    else text += run(next, 'abcxyz0189', 1 + Math.floor(next() * 6));
  }
  return text;
}

/** Credentials placed at the start, the end, and next to each kind of neighbour. */
const EDGES = [
  SECRET, `${SECRET}=`, `/${SECRET}`, `${SECRET}/`, `+${SECRET}`, `x${SECRET}`, `${SECRET.slice(1)}`, `${SECRET}A`,
  `secret ${SECRET}`, `secret ${SECRET}=`, `secret=${SECRET}`, `${ID} ${SECRET}`, `${ID}${SECRET}`, `arn:aws:x/${SECRET} ${ID}`,
  `s3://b/${SECRET} ${ID}`, ID, `X${ID}`, `${ID}X`, `${ID}x`, `AKIA${'A'.repeat(15)}`, `AKIA${'A'.repeat(17)}`, `${ID}${ID}`,
  'sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab', '-sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab', 'sk-abcdefghijklmnopqrs',
  'xoxb-0000000000', 'xoxb-000000000', 'hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeAB', 'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000',
  'postgres://app:FakePassw0rd@db', 'Postgres://app:FakePassw0rd@db', 'x-postgres://app:pw@db', 'é://a:b@c', '://a:b@c',
  'https://u:p@h https://u:p@h', 'a://b:c@d@e', 'a://b:c:d@e', 'HTTPS://A:B@C', '1a://b:c@d', '_a://b:c@d',
  '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----MIIE"x',
  '------BEGIN PRIVATE KEY-----', '-----BEGIN -----BEGIN PRIVATE KEY-----x', 'BEGIN PRIVATE KEY-----x', '-----BEGIN  PRIVATE KEY-----', '-----BEGIN PRIVATE KEY BLOCK-----x', 'xoxa------BEGIN PRIVATE KEY-----',
];

describe('redactText equals the global-regex filter', () => {
  it('on random texts made of the pieces the patterns turn on', () => {
    const next = random(20);
    for (let i = 0; i < 20000; i++) {
      const text = randomText(next);
      const expected = redactTextByRegex(text);
      if (redactText(text) !== expected) expect({ case: i, text, got: redactText(text) }).toEqual({ case: i, text, got: expected });
      expect(redactText(text, { markup: true })).toBe(redactTextByRegex(text, { markup: true }));
    }
  });

  it('on credentials at every kind of boundary and their near misses', () => {
    const next = random(7);
    for (const edge of EDGES) {
      for (const text of [edge, `"${edge}"`, ` ${edge} `, `${edge}${edge}`, `${randomText(next)}${edge}${randomText(next)}`]) {
        expect(redactText(text), text).toBe(redactTextByRegex(text));
      }
    }
  });

  it('on credentials inside long runs of the joint token/base64 alphabet, at every offset from the scan grid', () => {
    const TOKEN = 'sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab';
    // Each credential starts a run of its own pattern's alphabet in the middle of a longer run of
    // characters another pattern accepts (`_`/`-` cut base64, `/`/`+` cut tokens, lower case cuts key ids).
    const inside = [
      `${'a'.repeat(50)}_${SECRET}`, `secret ${'Ab9'.repeat(20)}-${SECRET}-${'z'.repeat(30)}`, `${SECRET}_${ID}`,
      `${'x'.repeat(33)}/${TOKEN}`, `${'Q'.repeat(17)}+xoxb-0000000000/${'Q'.repeat(40)}`, `abc${ID}def`, `abc${ID}Def`,
      `hf_a/${ID}/ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000`, `${'-'.repeat(20)}${TOKEN}`, `${'_'.repeat(14)}/${TOKEN}`,
      `${ID}_${SECRET.replace(/\//g, 'x')}`, `AKIA${'A'.repeat(16)}a${SECRET}`, `ASIA${'Z'.repeat(16)}é${SECRET}`,
    ];
    for (const body of inside) {
      for (let pad = 0; pad < 41; pad++) {
        for (const text of [`${' '.repeat(pad)}${body}`, `${'é'.repeat(pad)}${body}"`, `${'A'.repeat(pad)}:${body}`]) {
          expect(redactText(text), text).toBe(redactTextByRegex(text));
        }
      }
    }
    expect(redactText(`${'a'.repeat(50)}_${SECRET} ${ID}`)).not.toContain(SECRET);
    expect(redactText(`${'x'.repeat(33)}/${TOKEN}`)).not.toContain(TOKEN);
    expect(redactText(`abc${ID}def`)).not.toContain(ID);
  });

  it('on long texts of words of every length around the patterns\' own', () => {
    const next = random(41);
    const alphabets = [BASE64, UPPER_DIGITS, `${BASE64}_-`, 'abc_-', 'AKIS', ' :"'];
    for (let i = 0; i < 300; i++) {
      let text = '';
      while (text.length < 3000) {
        const r = next();
        text += r < 0.1 ? pick(next, PIECES) : run(next, pick(next, alphabets), 1 + Math.floor(next() * 60));
        if (next() < 0.5) text += pick(next, ' :@"é\n');
      }
      expect(redactText(text), `case ${i}`).toBe(redactTextByRegex(text));
    }
  });

  it('and actually redacts: the adversarial texts come out without their secrets', () => {
    const standalone = EDGES.filter((edge) => edge === ID || edge.startsWith('sk-proj') || edge.startsWith('postgres') || edge.startsWith('-----BEGIN PRIVATE'));
    const out = redactText(`${standalone.join(' | ')} ${ID} secret ${SECRET}`);
    expect(out).not.toContain(ID);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('FakePassw0rd');
    expect(out).not.toContain('FAKEfake0123');
    expect(out).not.toContain('MIIE\n');
  });

  it('on whole reports and snapshots, with and without credentials spliced in', async () => {
    const demo = 'fixtures/demo';
    const texts = readdirSync(demo)
      .filter((name) => name.endsWith('.json'))
      .map((name) => readFileSync(join(demo, name), 'utf8'));
    for (const format of ['json', 'html', 'markdown', 'table'] as const) {
      texts.push((await runAnalysis({ inputs: [demo], format, color: false })).output);
    }
    const next = random(3);
    for (const text of texts) {
      expect(redactText(text)).toBe(redactTextByRegex(text));
      for (let i = 0; i < 20; i++) {
        const at = Math.floor(next() * text.length);
        const spliced = `${text.slice(0, at)}${pick(next, EDGES)}${text.slice(at)}`;
        expect(redactText(spliced, { markup: true })).toBe(redactTextByRegex(spliced, { markup: true }));
      }
    }
  });
});
