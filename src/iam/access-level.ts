/**
 * Access levels as the Service Authorization Reference names them, normalized. The catalog
 * mixes single levels ("Read") with combined ones ("Permissions management, Write",
 * "Tagging, Write"); callers ask "is this a permissions-management action?", so a combined
 * value becomes every level it names.
 */
import { compareStrings } from '../core/hash.js';

export const ACCESS_LEVELS = ['list', 'read', 'write', 'permissions-management', 'tagging'] as const;

/** One normalized access level. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

const BY_WORDS = new Map<string, AccessLevel>([
  ['list', 'list'],
  ['read', 'read'],
  ['write', 'write'],
  ['permissions management', 'permissions-management'],
  ['tagging', 'tagging'],
]);

/** Splits a raw access level into the normalized levels it names, sorted; unknown words are dropped. */
export function normalizeAccessLevel(raw: string): AccessLevel[] {
  const levels = new Set<AccessLevel>();
  for (const part of raw.split(',')) {
    const level = BY_WORDS.get(part.trim().toLowerCase().replace(/\s+/g, ' '));
    if (level) levels.add(level);
  }
  return [...levels].sort(compareStrings);
}
