/**
 * Turns a schema validation failure into one precise message: the JSON path of the first
 * problem and what was expected there. Union failures are resolved to the branch that got
 * furthest, so a mistyped field deep inside a one-or-many value is named, not its parent.
 */
import type { z } from 'zod';
import { formatJsonPath } from './errors.js';

type Issue = z.core.$ZodIssue;

/** The most specific issue inside a (possibly nested) union failure. */
function mostSpecific(issue: Issue, base: PropertyKey[]): { path: PropertyKey[]; issue: Issue } {
  const path = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { path, issue };
  // A branch whose only complaint is the value's type at its root did not match the input's
  // shape; prefer a branch that got inside the value.
  const branches = issue.errors.filter((branch) => branch.length > 0);
  const inside = branches.filter((branch) => !branch.every((i) => i.path.length === 0 && i.code === 'invalid_type'));
  if (inside.length === 0) {
    const expected = [...new Set(branches.flat().map((i) => ('expected' in i ? String(i.expected) : i.message)))];
    return { path, issue: { ...issue, message: `expected ${expected.join(' or ')}` } };
  }
  const best = inside.reduce((a, b) => (deepest(b) > deepest(a) ? b : a));
  return mostSpecific(best[0]!, path);
}

function deepest(branch: Issue[]): number {
  return Math.max(...branch.map((i) => i.path.length));
}

/** Rewrites zod's default wording into "expected ..." phrasing users can act on. */
function phrase(issue: Issue): string {
  const message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && 'input' in issue) {
    const received = issue.input === undefined ? 'nothing' : Array.isArray(issue.input) ? 'an array' : typeof issue.input;
    return `expected ${issue.expected}, received ${received}`;
  }
  if (issue.code === 'unrecognized_keys') return `unexpected field(s) ${issue.keys.join(', ')}`;
  return message.replace(/^Invalid option: /, '');
}

/** `{ where, expected }` for the first issue of a failed parse. */
export function firstIssue(error: z.ZodError, basePath: PropertyKey[] = []): { where: string; expected: string } {
  const { path, issue } = mostSpecific(error.issues[0]!, basePath);
  return { where: formatJsonPath(path), expected: phrase(issue) };
}
