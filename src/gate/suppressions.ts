/**
 * Suppressions: accepted risks written down in `.blastpath.yaml`, each with a reason and an
 * expiry date, so an exception cannot outlive the decision behind it. A malformed file is an
 * input error naming the file and the field; an expired suppression suppresses nothing.
 */
import { z } from 'zod';
import type { Finding } from '../analyze/finding.js';
import { InputError, formatJsonPath } from '../core/errors.js';
import { globMatcher } from '../core/glob.js';
import { firstIssue } from '../core/validation.js';
import { yamlParser } from '../core/yaml.js';
import type { Suppression, SuppressionFile, SuppressionMatch } from './types.js';

/** A calendar date that exists: `2026-02-30` is refused, not rolled over to March. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((d) => {
    const time = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
  }, 'expected a date that exists (YYYY-MM-DD)');

const nonEmpty = z.string().trim().min(1, 'expected a non-empty text');

const Entry = z
  .strictObject({
    finding: z.string().regex(/^bp-[0-9a-f]{16}$/, 'expected a finding id such as bp-7f3a9c0e5b8d2146').optional(),
    technique: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a technique or entry-point id such as iam-create-access-key').optional(),
    node: nonEmpty.optional(),
    reason: nonEmpty,
    expires: isoDate,
  })
  .superRefine((entry, ctx) => {
    const given = (['finding', 'technique', 'node'] as const).filter((k) => entry[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', path: [], message: `expected exactly one of finding, technique or node${given.length ? ` (got ${given.join(' and ')})` : ''}` });
    }
  });

const SuppressionsFileSchema = z.strictObject({ suppressions: z.array(Entry) });

function matchOf(entry: z.output<typeof Entry>): SuppressionMatch {
  if (entry.finding !== undefined) return { by: 'finding', value: entry.finding };
  if (entry.technique !== undefined) return { by: 'technique', value: entry.technique };
  return { by: 'node', value: entry.node as string };
}

/** Parses the YAML text of a suppressions file; throws InputError naming `file` and the field. */
export function parseSuppressions(text: string, file: string): SuppressionFile {
  const doc = yamlParser().parseDocument(text);
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    throw new InputError(`${file}: ${pos ? `line ${pos.line}, column ${pos.col}` : '(syntax)'}`, `expected valid YAML (${syntax.message.split('\n')[0]})`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { file, suppressions: [] };
  const parsed = SuppressionsFileSchema.safeParse(value);
  if (!parsed.success) {
    // A misspelt key also makes the right one look missing: name the misspelling first, and
    // name the key itself (zod reports it on the object that holds it).
    const first = parsed.error.issues.find((i) => i.code === 'unrecognized_keys');
    if (first?.code === 'unrecognized_keys' && first.keys.length > 0) {
      const expected = first.path.length === 0 ? 'no such field; expected suppressions' : 'no such field; expected finding, technique, node, reason, expires';
      throw new InputError(`${file}: ${formatJsonPath([...first.path, first.keys[0]!])}`, expected);
    }
    const { where, expected } = firstIssue(parsed.error);
    throw new InputError(`${file}: ${where}`, expected);
  }
  const suppressions = parsed.data.suppressions.map((entry, index): Suppression => ({ index, match: matchOf(entry), reason: entry.reason, expires: entry.expires }));
  return { file, suppressions };
}

/** True when the suppression still applies on `today` (it lasts through its `expires` day). */
export function isActive(s: Suppression, today: string): boolean {
  return today <= s.expires;
}

/** A suppression with its test compiled once: its id, a technique or entry point on the path, or any node on it. */
export function matcher(s: Suppression): { suppression: Suppression; matches: (f: Finding) => boolean } {
  const { by, value } = s.match;
  if (by === 'finding') return { suppression: s, matches: (f) => f.id === value };
  if (by === 'technique') {
    return { suppression: s, matches: (f) => f.entry.entryPoint === value || f.techniques.includes(value) || f.path.edges.some((e) => e.technique === value) };
  }
  const matches = globMatcher(value);
  return { suppression: s, matches: (f) => [f.entry.node, f.target.node, ...f.path.nodes.map((n) => n.id)].some(matches) };
}

/** True when the suppression matches the finding. */
export function suppresses(s: Suppression, f: Finding): boolean {
  return matcher(s).matches(f);
}
