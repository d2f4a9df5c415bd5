/**
 * Reading the gate's inputs from disk: the baseline given with `--baseline`, and suppressions
 * from `--suppressions` or, when that flag is absent, `.blastpath.yaml` in the working
 * directory if there is one. Every failure is an InputError naming the file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Severity } from '../analyze/finding.js';
import { InputError } from '../core/errors.js';
import { parseBaseline } from './baseline.js';
import { parseSuppressions } from './suppressions.js';
import type { GateOptions } from './types.js';

/** The file suppressions are read from when `--suppressions` is not given. */
export const DEFAULT_SUPPRESSIONS_FILE = '.blastpath.yaml';

/** What the CLI knows before reading anything. */
export interface GateFileOptions {
  failOn?: Severity;
  baselineFile?: string;
  /** An explicit suppressions file; it must exist. */
  suppressionsFile?: string;
  /** Where `.blastpath.yaml` is looked for. */
  cwd: string;
  /** YYYY-MM-DD, already validated (see parseDay). */
  today: string;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read the ${what}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Reads the baseline and suppressions and returns the gate's options. */
export async function loadGateOptions(options: GateFileOptions): Promise<GateOptions> {
  const out: GateOptions = { today: options.today, ...(options.failOn ? { failOn: options.failOn } : {}) };
  if (options.baselineFile) {
    const text = await readText(options.baselineFile, 'baseline');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new InputError(`${options.baselineFile}: (root)`, 'expected valid JSON (a baseline written by blastpath baseline, or a JSON report)');
    }
    out.baseline = parseBaseline(data, options.baselineFile);
  }
  const explicit = options.suppressionsFile;
  const file = explicit ?? DEFAULT_SUPPRESSIONS_FILE;
  const path = explicit ?? join(options.cwd, DEFAULT_SUPPRESSIONS_FILE);
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // The default file is optional; a file named on the command line is not.
    if (explicit || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new InputError(file, `cannot read the suppressions file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  if (text !== undefined) out.suppressions = parseSuppressions(text, file);
  return out;
}

/** Validates a YYYY-MM-DD date given as "today" (`--now`, BLASTPATH_NOW); throws InputError. */
export function parseDay(text: string, where: string): string {
  const time = Date.parse(`${text}T00:00:00Z`);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
  if (!ok) throw new InputError(where, `expected a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return text;
}

/** Today's date in UTC, YYYY-MM-DD: the default "today" of a real run. */
export function utcToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}
