/** The snapshot format as JSON Schema, for docs/snapshot.md and `blastpath schema`. */
import { z } from 'zod';
import { Snapshot } from './schema.js';

/** JSON Schema of what a snapshot file may contain (the input side: defaults optional, encodings loose). */
export function snapshotJsonSchema(): Record<string, unknown> {
  // Policy documents are preprocessed (string or object): 'any' keeps them instead of failing.
  return z.toJSONSchema(Snapshot, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
