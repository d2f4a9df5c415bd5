/**
 * Secrets property: fake keys, tokens and passwords planted in every free-text field of the demo
 * (descriptions, tag values, environment variables, hyperparameters, condition values, failure
 * reasons, coverage messages) never appear in any output: every report format, `can`, the
 * baseline, every diff format, every export format, a written snapshot, or stderr. Outputs are
 * also searched with whitespace removed, so a secret wrapped across two lines still counts.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { writeSnapshot } from '../../src/collect/write.js';
import { EXPORT_FORMATS } from '../../src/export/index.js';
import { loadInputs } from '../../src/load/index.js';
import { REPORT_FORMATS } from '../../src/report/index.js';
import { random } from './mutate.js';

/** A planted secret: the text written into a field, and the part that must never come out. */
interface Secret {
  kind: string;
  text: (rand: () => number) => { text: string; needle: string };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const chars = (rand: () => number, alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
/** Random text with upper case, lower case and digits, as real tokens have. */
const token = (rand: () => number, n: number) => `Aa1${chars(rand, ALNUM, n - 3)}`;

const SECRETS: Secret[] = [
  { kind: 'aws-access-key-id', text: (r) => ((id) => ({ text: id, needle: id }))(`AKIA${chars(r, UPPER, 16)}`) },
  { kind: 'aws-secret-access-key', text: (r) => ((key) => ({ text: `aws_secret_access_key=${key}`, needle: key }))(token(r, 40)) },
  { kind: 'github-token', text: (r) => ((t) => ({ text: t, needle: t }))(`ghp_${token(r, 36)}`) },
  { kind: 'slack-token', text: (r) => ((t) => ({ text: t, needle: t }))(`xoxb-${chars(r, '0123456789', 12)}-${token(r, 24)}`) },
  { kind: 'openai-api-key', text: (r) => ((t) => ({ text: t, needle: t }))(`sk-proj-${token(r, 40)}`) },
  { kind: 'anthropic-api-key', text: (r) => ((t) => ({ text: t, needle: t }))(`sk-ant-api03-${token(r, 40)}`) },
  { kind: 'huggingface-token', text: (r) => ((t) => ({ text: t, needle: t }))(`hf_${token(r, 34)}`) },
  { kind: 'url-password', text: (r) => ((p) => ({ text: `postgres://admin:${p}@db.internal.example:5432/app`, needle: p }))(token(r, 20)) },
  {
    kind: 'private-key',
    text: (r) => ((body) => ({ text: `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`, needle: body }))(token(r, 64)),
  },
];

/** Credentials the demo itself holds in workload configuration (fixtures/demo/README.md: C4m, R3, C10): never output either. */
const DEMO_SECRETS = ['q8Fz3mR1vT6xYb0NcW2kLp9DsH4gJa7eUo5iQn+K', 'tV3pN8qL2wZ6yB1cX9mK4rJ7hF0dS5aG3eU8iO2P', 'hf_Qm7VxK2pLr9TnB4wZc8HsYd3JfG6aEu1Ni'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys whose string values are free text. */
const TEXT_KEYS = new Set(['Description', 'FailureReason', 'message', 'Value', 'TagValue']);
/** Keys whose values are maps of free text (variables, hyperparameters, record-form tags). */
const TEXT_MAPS = new Set(['Variables', 'Environment', 'HyperParameters', 'Tags']);
/** Condition operator blocks: every value under them is text the policy author wrote. */
const isConditionBlock = (path: readonly string[]) => path.includes('Condition');

/** Appends a secret to every free-text string of the document; returns the needles planted. */
function plant(document: Json, rand: () => number, offset: number): string[] {
  const needles: string[] = [];
  let n = offset;
  const next = () => {
    const { text, needle } = SECRETS[n++ % SECRETS.length]!.text(rand);
    needles.push(needle);
    return text;
  };
  const walk = (value: Json, path: string[]): Json => {
    if (typeof value === 'string') {
      const key = path[path.length - 1] ?? '';
      const parent = path[path.length - 2] ?? '';
      const free = TEXT_KEYS.has(key) || (TEXT_MAPS.has(parent) && !/^\d+$/.test(key)) || isConditionBlock(path);
      return free ? `${value} ${next()}` : value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, String(i)]));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    return value;
  };
  const planted = walk(document, []);
  Object.assign(document as object, planted);
  return needles;
}

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false, env: {}, cwd };
  const code = await main(['node', 'blastpath', ...args], io);
  return { code, out };
}

/** Every file under `dir`, as text. */
function filesText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? filesText(path) : readFileSync(path, 'utf8')))
    .join('\n');
}

describe('secrets planted in free text never come out', () => {
  it.each([0, 4])('every output format, can, baseline, diff, export and snapshot (rotation %i)', async (offset) => {
    const rand = random(1900 + offset);
    const dir = mkdtempSync(join(tmpdir(), 'blastpath-secrets-'));
    const needles: string[] = [];
    const planted: string[] = [];
    for (const name of ['ml-prod', 'data-platform']) {
      const document = JSON.parse(readFileSync(`fixtures/demo/${name}.snapshot.json`, 'utf8')) as Json;
      needles.push(...plant(document, rand, offset));
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(document, null, 2));
      planted.push(file);
    }
    expect(needles.length).toBeGreaterThan(200);
    const demoText = ['ml-prod', 'data-platform'].map((name) => readFileSync(`fixtures/demo/${name}.snapshot.json`, 'utf8')).join('\n');
    expect(DEMO_SECRETS.filter((secret) => !demoText.includes(secret)), 'the demo still plants its own credentials').toEqual([]);
    needles.push(...DEMO_SECRETS);

    const outputs: Array<[string, string]> = [];
    for (const format of REPORT_FORMATS) {
      const run = await cli(['analyze', ...planted, '--format', format], dir);
      expect(run.code, run.out.slice(0, 500)).toBe(0);
      outputs.push([`analyze --format ${format}`, run.out]);
    }
    outputs.push(['can', (await cli(['can', 'arn:aws:iam::111111111111:user/ci-legacy', 's3:GetObject', '*', ...planted, '--format', 'json'], dir)).out]);
    const baseline = join(dir, 'baseline.json');
    expect((await cli(['baseline', '-o', baseline, ...planted], dir)).code).toBe(0);
    outputs.push(['baseline', readFileSync(baseline, 'utf8')]);
    for (const format of ['table', 'json', 'markdown']) {
      const run = await cli(['diff', 'fixtures/demo', dir, '--format', format], process.cwd());
      outputs.push([`diff --format ${format}`, run.out]);
    }
    for (const format of EXPORT_FORMATS) {
      const out = join(dir, `export-${format}`);
      expect((await cli(['export', ...planted, '--format', format, '-o', out], dir)).code).toBe(0);
      outputs.push([`export --format ${format}`, filesText(out)]);
    }
    const snapshot = join(dir, 'written.json');
    await writeSnapshot(snapshot, (await loadInputs(planted)).snapshot);
    outputs.push(['written snapshot', readFileSync(snapshot, 'utf8')]);

    const leaks: string[] = [];
    for (const [what, text] of outputs) {
      const squashed = text.replace(/\s+/g, '');
      for (const needle of needles) if (text.includes(needle) || squashed.includes(needle)) leaks.push(`${what}: ${needle.slice(0, 12)}…`);
    }
    expect([...new Set(leaks)]).toEqual([]);
    // Markup keeps its markers escaped: a raw <redacted:...> would be a tag in HTML and break SVG and GraphML.
    const markup = outputs.filter(([what]) => /--format (html|svg|graphml)$/.test(what));
    expect(markup.filter(([, text]) => text.includes('<redacted:')).map(([what]) => what)).toEqual([]);
    expect(markup.some(([, text]) => text.includes('&lt;redacted:'))).toBe(true);
  }, 180_000);
});
