/**
 * Copies of the demo snapshots, mutated in a temp directory, for tests that compare findings
 * across inputs that should not differ (noise) or should (a change that opens a path).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The demo's snapshot files, by name. */
export const DEMO_FILES = ['ml-prod.snapshot.json', 'data-platform.snapshot.json'] as const;

type Json = unknown;

/** Parsed demo snapshots, fresh copies on each call. */
export function demoSnapshots(): Record<string, Json> {
  return Object.fromEntries(DEMO_FILES.map((f) => [f, JSON.parse(readFileSync(join('fixtures/demo', f), 'utf8'))]));
}

/** Writes snapshots (name -> JSON) into a new temp directory and returns its path. */
export function writeSnapshots(snapshots: Record<string, Json>): string {
  const dir = mkdtempSync(join(tmpdir(), 'blastpath-gate-'));
  for (const [name, data] of Object.entries(snapshots)) writeFileSync(join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
  return dir;
}

/**
 * A policy document AWS returns as a string: JSON text (Lambda `Policy`, bucket `Policy.Policy`)
 * or URL-encoded JSON (IAM's GetAccountAuthorizationDetails). Returns the document and how to
 * write it back in the same form.
 */
function embeddedPolicy(value: string): { doc: Json; encode: (doc: Json) => string } | undefined {
  const encoded = value.startsWith('%7B');
  const text = encoded ? decodeURIComponent(value) : value;
  if (!text.startsWith('{') || !text.includes('"Statement"')) return undefined;
  try {
    const doc: Json = JSON.parse(text);
    return { doc, encode: (d) => (encoded ? encodeURIComponent(JSON.stringify(d)) : JSON.stringify(d)) };
  } catch {
    return undefined;
  }
}

/**
 * Every array reversed and every object's keys reversed, recursively, including inside policy
 * documents stored as JSON strings: the same account, listed in a different order.
 */
export function reorderEverything(value: Json): Json {
  if (Array.isArray(value)) return value.map(reorderEverything).reverse();
  if (typeof value === 'string') {
    const policy = embeddedPolicy(value);
    return policy === undefined ? value : policy.encode(reorderEverything(policy.doc));
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorderEverything(v)]));
}

/** Replaces every occurrence of `from` in every string of the document (names and ARNs alike). */
export function renameEverywhere(value: Json, from: string, to: string): Json {
  if (typeof value === 'string') return value.split(from).join(to);
  if (Array.isArray(value)) return value.map((v) => renameEverywhere(v, from, to));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameEverywhere(v, from, to)]));
}
