/**
 * Runs fuzz cases through the real CLI entry (in-process, with captured output) and checks the
 * contract every input must meet: exit 0 or 2; on 2, one line naming the file, no stack trace;
 * never an internal error; every case within HANG_MS. Failures name the seed and the case.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { mutate } from './mutate.js';

/** A case slower than this counts as a hang. */
export const HANG_MS = 15_000;

/** The run's seed: FUZZ_SEED replays or explores, the default keeps CI reproducible. */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 19);

const FORMATS = ['json', 'table', 'sarif', 'markdown'] as const;

/** What one case did. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Counts over a run, as the issue asks them to be quoted. */
export interface Tally {
  inputs: number;
  clearErrors: number;
  accepted: number;
  crashes: number;
  hangs: number;
}

async function analyzeInProcess(file: string, format: string): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, env: {} };
  const started = performance.now();
  const code = await main(['node', 'blastpath', 'analyze', file, '--format', format], io);
  return { code, stdout, stderr, ms: performance.now() - started };
}

/** The contract, as one list of problems (empty when the case is fine). */
export function problems(file: string, outcome: Outcome, format: string): string[] {
  const found: string[] = [];
  if (outcome.ms > HANG_MS) found.push(`took ${Math.round(outcome.ms)} ms`);
  if (outcome.code !== 0 && outcome.code !== 2) found.push(`exit ${outcome.code}`);
  if (/internal error|\n\s+at \S/.test(outcome.stderr)) found.push('stack trace or internal error');
  if (outcome.code === 2) {
    const lines = outcome.stderr.trimEnd().split('\n');
    if (lines.length !== 1) found.push(`${lines.length} lines on stderr`);
    if (!lines[0]!.startsWith(`blastpath: ${file}`)) found.push(`error does not start with the file: ${lines[0]!.slice(0, 200)}`);
  }
  if (outcome.code === 0) {
    if (outcome.stdout.trim() === '') found.push('no report');
    if (format === 'json' || format === 'sarif') {
      try {
        JSON.parse(outcome.stdout);
      } catch {
        found.push('report is not JSON');
      }
    }
  }
  return found;
}

/**
 * Runs `count` mutations of `document` (seeded from FUZZ_SEED and `salt`) and returns the tally;
 * fails the test with the seed and case of every case that broke the contract.
 */
export async function fuzz(document: unknown, count: number, salt: number): Promise<Tally> {
  const dir = mkdtempSync(join(tmpdir(), 'blastpath-fuzz-'));
  const tally: Tally = { inputs: 0, clearErrors: 0, accepted: 0, crashes: 0, hangs: 0 };
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const seed = (FUZZ_SEED * 100_003 + salt * 1_009 + i) >>> 0;
    const { text, what } = mutate(document, seed);
    // One case in eight is gzipped, and one of those is cut short.
    const gz = seed % 8 === 0;
    const file = join(dir, `case-${i}.json${gz ? '.gz' : ''}`);
    const bytes = gz ? gzipSync(text) : Buffer.from(text);
    writeFileSync(file, gz && seed % 16 === 0 ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes);
    const format = FORMATS[seed % FORMATS.length]!;
    const outcome = await analyzeInProcess(file, format);
    tally.inputs += 1;
    if (outcome.ms > HANG_MS) tally.hangs += 1;
    if (outcome.code === 0) tally.accepted += 1;
    else if (outcome.code === 2) tally.clearErrors += 1;
    else tally.crashes += 1;
    const wrong = problems(file, outcome, format);
    if (wrong.length > 0) failures.push(`FUZZ_SEED=${FUZZ_SEED} salt ${salt} case ${i} (seed ${seed}, ${what.join('; ')}): ${wrong.join('; ')}\n${outcome.stderr.slice(0, 600)}`);
  }
  expect(failures).toEqual([]);
  return tally;
}

/** The same contract through the real binary, in a child process with a hard time limit. */
export function analyzeInChild(file: string, format: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/blastpath.js', 'analyze', file, '--format', format], { timeout: HANG_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const e = error as (Error & { code?: unknown; killed?: boolean }) | null;
      const code = e ? (e.killed ? -1 : typeof e.code === 'number' ? e.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: e?.killed ? HANG_MS + 1 : performance.now() - started });
    });
  });
}

/** Prints the tally the way reports quote it. */
export function report(name: string, tally: Tally): void {
  console.log(`fuzz ${name} (FUZZ_SEED=${FUZZ_SEED}): ${tally.inputs} inputs, ${tally.clearErrors} clear errors, ${tally.accepted} accepted, ${tally.crashes} crashes, ${tally.hangs} hangs`);
}
