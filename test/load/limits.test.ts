/**
 * Bounded inputs: size limits checked while reading and inflating, and files above a size
 * parsed piece by piece (one account, one list entry at a time) with the same result as one
 * JSON.parse. The piece path is exercised here with a low threshold; the default is 256 MiB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { loadInputs } from '../../src/load/index.js';
import { DuplicateKeyChecker } from '../../src/load/duplicate-keys.js';
import { DEFAULT_LIMITS, memoryProblem, type ReadLimits } from '../../src/load/limits.js';
import { PieceParser } from '../../src/load/json-pieces.js';
import { readInput } from '../../src/load/read.js';
import { FIXTURES, inputError, snapshotFor, tempFiles } from './helpers.js';

const MIB = 1024 * 1024;
const pieces = (over: Partial<ReadLimits> = {}): ReadLimits => ({ ...DEFAULT_LIMITS, streamAbove: 0, ...over });

describe('size limits, checked while reading and inflating', () => {
  it('a gzip that inflates past the limit stops there, naming the file, the limit and the way out', async () => {
    // 64 MiB of spaces inside a JSON document compress to about 64 KiB.
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"schemaVersion": 1, "x": "'), Buffer.alloc(64 * MIB, 0x20), Buffer.from('"}')]));
    const dir = await tempFiles({});
    const file = join(dir, 'bomb.json.gz');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, bomb);
    const error = await inputError(() => loadInputs([file], { limits: { ...DEFAULT_LIMITS, maxJsonBytes: 8 * MIB } }));
    expect(error.where).toBe(`${file}: (root)`);
    expect(error.expected).toMatch(/^its inflated JSON is larger than the limit of 8 MiB; split the input by account \(one file per account\)/);
    expect(error.expected).toContain('BLASTPATH_MAX_INPUT_MB');

    // Through the CLI: exit 2, one line, no stack trace.
    const run = await runCli(['analyze', file], { env: { BLASTPATH_MAX_INPUT_MB: '8' } });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`blastpath: ${file}: (root): ${error.expected}`]);
  });

  it('a stored file past the limit stops before it is read whole', async () => {
    const dir = await tempFiles({ 'big.json': `{"pad": "${'x'.repeat(3 * MIB)}"}` });
    const error = await inputError(() => loadInputs([join(dir, 'big.json')], { limits: { ...DEFAULT_LIMITS, maxFileBytes: 1 * MIB } }));
    expect(error.expected).toMatch(/^the file is larger than the limit of 1 MiB/);
  });
});

describe('piece-by-piece parsing', () => {
  const demo = ['fixtures/demo/ml-prod.snapshot.json', 'fixtures/demo/data-platform.snapshot.json', join(FIXTURES, 'gaad-123456789012.json')];

  it.each(demo)('%s loads to the same snapshot whole and in pieces', async (file) => {
    const whole = await loadInputs([file]);
    const split = await loadInputs([file], { limits: pieces() });
    expect(split.snapshot).toEqual(whole.snapshot);
    expect(split.warnings).toEqual(whole.warnings);
  });

  it('equals JSON.parse for any JSON, cut into chunks anywhere', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.array(fc.nat(), { maxLength: 8 }), (value, cuts) => {
        const bytes = Buffer.from(JSON.stringify(value, null, cuts.length % 3));
        const parser = new PieceParser('fuzz.json', 1 << 30);
        let at = 0;
        for (const cut of [...cuts.map((c) => c % (bytes.length + 1))].sort((a, b) => a - b)) {
          parser.push(bytes.subarray(at, Math.max(at, cut)));
          at = Math.max(at, cut);
        }
        parser.push(bytes.subarray(at));
        expect(parser.end()).toEqual(JSON.parse(bytes.toString()));
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  it('an entry larger than one string can hold is named, with the advice to split by account', async () => {
    const dir = await tempFiles({ 'org.json': snapshotFor('111111111111', { regions: {}, pad: 'x'.repeat(4096) }) });
    const error = await inputError(() => loadInputs([join(dir, 'org.json')], { limits: pieces({ maxPieceBytes: 1024 }) }));
    expect(error.where).toBe(`${join(dir, 'org.json')}: accounts[0]`);
    expect(error.expected).toMatch(/^this entry alone is larger than 1 KiB of JSON.*split the input by account/);
  });

  it.each([
    ['a truncated file', '{"schemaVersion": 1, "accounts": [{"accountId": "1111', /: byte \d+$/, /truncated/],
    ['bad JSON inside an entry', '{"schemaVersion": 1, "accounts": [{"accountId": tru}]}', /: accounts\[0\]$/, /expected valid JSON: expected true \(line 1, column 18 of this entry\)/],
    ['a missing comma between entries', '{"schemaVersion": 1, "accounts": [{} {}]}', /: byte 38$/, /expected ',' or ']' after an array element/],
  ])('%s is an input error naming where', async (_name, text, where, expected) => {
    const dir = await tempFiles({ 'bad.json': text });
    const error = await inputError(() => loadInputs([join(dir, 'bad.json')], { limits: pieces() }));
    expect(error.where).toMatch(where);
    expect(error.expected).toMatch(expected);
  });
});

describe('duplicate keys', () => {
  const text = `{
  "schemaVersion": 1,
  "collectedAt": "2025-01-01T00:00:00Z",
  "tool": { "name": "blastpath", "version": "0.1.0", "name": "blastpath" },
  "accounts": [{ "accountId": "111111111111", "regions": {}, "iam": { "AuthorizationDetails": { "RoleDetailList": [
    { "RoleName": "a", "Arn": "arn:aws:iam::111111111111:role/a", "RoleName": "b", "AssumeRolePolicyDocument": { "Statement": [] } },
    { "RoleName": "c", "Arn": "arn:aws:iam::111111111111:role/c", "R\\u006fleName": "c", "AssumeRolePolicyDocument": { "Statement": [] } }
  ] } } }],
  "coverage": [],
  "coverage": []
}`;
  const expected = [
    ['(root)', 'coverage'],
    ['accounts[0].iam.AuthorizationDetails.RoleDetailList[0]', 'RoleName'],
    ['accounts[0].iam.AuthorizationDetails.RoleDetailList[1]', 'RoleName'],
    ['tool', 'name'],
  ];

  it.each([['whole', {}], ['in pieces', { limits: pieces() }]] as const)('are found %s, with the JSON path of their object', async (_how, options) => {
    const dir = await tempFiles({ 'dup.json': text });
    const { warnings } = await loadInputs([join(dir, 'dup.json')], options);
    const found = warnings!.filter((w) => w.kind === 'duplicate-key').map((w) => [w.path, /key "(\w+)"/.exec(w.message)![1]]);
    expect(found.sort()).toEqual(expected);
    expect(warnings!.every((w) => w.file === join(dir, 'dup.json'))).toBe(true);
  });

  it('are not reported for the same key in different objects, or in objects with many keys written once', async () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, { k0: i }]));
    const { duplicates } = await readInput('many.json', { readFile: async () => Buffer.from(JSON.stringify({ a: { x: 1 }, b: { x: 2 }, many })) });
    expect((await duplicates).found).toEqual([]);
  });

  it('keep __proto__ an own key when parsed in pieces, as JSON.parse does', async () => {
    const json = '{"a": {"__proto__": {"polluted": true}}, "b": [{"__proto__": 1}]}';
    const { data } = await readInput('proto.json', { readFile: async () => Buffer.from(json), limits: pieces() });
    expect(data).toEqual(JSON.parse(json));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('the size check reads what the CLI reads', () => {
  it('a plain file whose name ends in .json.gz is an input error, not a crash', async () => {
    const file = join(await tempFiles({}), 'plain.json.gz');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, readFileSync('fixtures/demo/ml-prod.snapshot.json'));
    const run = await runCli(['analyze', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/: \(root\): expected gzip-compressed JSON: incorrect header check\n$/);
  });
});

describe('the duplicate-key worker (the compiled one in dist/, as the CLI runs it)', () => {
  const WORKER = new URL('../../dist/load/duplicate-keys-worker.js', import.meta.url);

  it('gets many small pieces that share one buffer, in batches, and answers as the inline scan does', async () => {
    // One chunk and views into it, as the piece parser hands them over: transferring a view's
    // buffer must not take the chunk away, nor list one buffer twice.
    const pieces = Array.from({ length: 3000 }, (_, i) => `{"id": ${i}, "name": "n", ${i % 500 === 0 ? '"name": "again", ' : ''}"tags": {"a": 1, "b": 2}, "pad": "${'x'.repeat(2000)}"}`);
    const chunk = Buffer.from(pieces.join(''));
    const checker = new DuplicateKeyChecker('pieces.json', WORKER);
    let at = 0;
    pieces.forEach((piece, i) => {
      const length = Buffer.byteLength(piece);
      checker.check(chunk.subarray(at, at + length), ['accounts', i]);
      at += length;
    });
    const found = await checker.result();
    expect(found.map((d) => d.path).sort()).toEqual(['accounts[0]', 'accounts[1000]', 'accounts[1500]', 'accounts[2000]', 'accounts[2500]', 'accounts[500]']);
    expect(chunk.byteLength).toBe(at);
    expect(chunk.subarray(0, 6).toString()).toBe('{"id":');
    expect(checker.incomplete).toBe(false);
  });

  it('stops at once when the load fails, so the process can end', async () => {
    const checker = new DuplicateKeyChecker('big.json', WORKER);
    checker.check(new Uint8Array(Buffer.from(`{"a": "${'x'.repeat(5 * MIB)}"}`)), []);
    await checker.abort();
    expect(await checker.result()).toEqual([]);
  });
});

describe('inputs too large for the heap', () => {
  it('are refused before the graph is built, with the size, the need, the limit and two ways out', () => {
    expect(memoryProblem(71 * MIB, 4096 * MIB)).toBeUndefined();
    expect(memoryProblem(1020 * MIB, 4096 * MIB)).toBe(
      '1020 MiB of JSON needs about 12 GiB of memory to analyze, more than this process may use (4 GiB); analyze fewer accounts at a time (one file per account), or raise the limit with NODE_OPTIONS=--max-old-space-size=15360',
    );
  });

  it('through the binary with a small heap: exit 2, one line, no crash', async () => {
    const dir = await tempFiles({ 'padded.json': { ...JSON.parse(readFileSync('fixtures/demo/ml-prod.snapshot.json', 'utf8')), padding: 'x'.repeat(12 * MIB) } });
    const file = join(dir, 'padded.json');
    const { execFile } = await import('node:child_process');
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(process.execPath, ['--max-old-space-size=64', 'bin/blastpath.js', 'analyze', file], (error, _stdout, stderr) => resolve({ code: error ? (error as { code?: number }).code ?? null : 0, stderr })),
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').filter((l) => !l.includes('analyzing:'))).toEqual([
      expect.stringMatching(new RegExp(`^blastpath: ${file}: 12\\.\\d MiB of JSON needs about \\d+(\\.\\d)? MiB of memory to analyze, more than this process may use`)),
    ]);
  }, 60_000);
});
