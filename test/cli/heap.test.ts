/**
 * The heap decision of the entry point: inputs are measured as the loader will read them, the
 * default heap is kept unless 16 bytes per input byte would not fit, a user's own limit always
 * wins, and a run in a child process hands back its output and exit code.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { commandInputBytes, inputBytes, plannedHeapMib, type HeapContext } from '../../src/cli/heap.js';

const MIB = 2 ** 20;
const GIB = 2 ** 30;
const machine: HeapContext = { heapLimit: 4 * GIB, totalMemory: 24 * GIB, nodeFlags: '', alreadySet: false };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blastpath-heap-'));
  dirs.push(dir);
  return dir;
}

/** A gzip file whose trailer claims `size` uncompressed bytes (the body is a few bytes). */
function gzipClaiming(path: string, size: number): void {
  const gz = gzipSync('{}');
  gz.writeUInt32LE(size, gz.length - 4);
  writeFileSync(path, gz);
}

describe('plannedHeapMib', () => {
  it('keeps the default heap for inputs it holds', () => {
    expect(plannedHeapMib(0, machine)).toBeUndefined();
    // Size L of the benchmark (206 MiB of JSON) fits the default 4 GiB.
    expect(plannedHeapMib(206 * MIB, machine)).toBeUndefined();
  });

  it('asks for 1.25 × (16 × input + 256 MiB) when the default would not hold it', () => {
    expect(plannedHeapMib(690 * MIB, machine)).toBe(Math.floor(1.25 * (16 * 690 + 256)));
  });

  it('never asks for more than three quarters of the memory', () => {
    expect(plannedHeapMib(4 * GIB, machine)).toBe((0.75 * 24 * GIB) / MIB);
  });

  it('keeps a limit the user set, and never re-runs the child run', () => {
    expect(plannedHeapMib(690 * MIB, { ...machine, nodeFlags: '--max-old-space-size=2048' })).toBeUndefined();
    expect(plannedHeapMib(690 * MIB, { ...machine, alreadySet: true })).toBeUndefined();
  });
});

describe('inputBytes', () => {
  it('counts files, .gz files by their uncompressed size, and the input files of a directory', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), 'x'.repeat(1000));
    gzipClaiming(join(dir, 'b.json.gz'), 5_000_000);
    writeFileSync(join(dir, 'notes.txt'), 'x'.repeat(100));
    // The loader does not recurse into subdirectories; neither does the count.
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    writeFileSync(join(sub, 'c.json'), 'x'.repeat(10));
    expect(inputBytes([join(dir, 'a.json')])).toBe(1000);
    expect(inputBytes([join(dir, 'b.json.gz')])).toBe(5_000_000);
    expect(inputBytes([dir])).toBe(5_001_000);
    expect(inputBytes([sub])).toBe(10);
    expect(inputBytes(['--format', 'json', join(dir, 'missing.json')])).toBe(0);
  });

  it('counts nothing for commands that read AWS, not files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'out.json'), 'x'.repeat(1000));
    expect(commandInputBytes(['analyze', join(dir, 'out.json')])).toBe(1000);
    expect(commandInputBytes(['collect', '-o', join(dir, 'out.json')])).toBe(0);
  });
});

describe('bin/blastpath.js with a large input', () => {
  it('runs the CLI in a child with a larger heap and hands back its error and exit code', async () => {
    const file = join(tempDir(), 'huge.json.gz');
    // Claims 1 GiB of JSON: 16 GiB of heap, more than the default, so the entry point re-runs.
    gzipClaiming(file, GIB);
    const run = promisify(execFile)(process.execPath, ['bin/blastpath.js', 'analyze', file], { env: { ...process.env, NODE_OPTIONS: '' } });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('huge.json.gz') });
  });
});
