/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`) in resources and condition
 * values. A variable is substituted when the request context holds exactly one value for its
 * key; a key known to be absent gives the default, or no value at all (the text then matches
 * nothing); otherwise the text cannot be decided and the caller treats it as unknown. Only
 * statements of `Version: 2012-10-17` policies are parsed for variables (compile.ts).
 */
import { lookupContext } from './context.js';
import type { PatternPiece } from './pattern.js';
import type { AccessRequest } from './types.js';

/** A parsed text: literal/glob pieces and variables, in order. */
export type TemplatePart = PatternPiece | { variable: string; fallback?: string };

const VARIABLE = /\$\{([^}]*)\}/g;
// `${*}`, `${?}` and `${$}` are AWS's escapes for the literal characters.
const ESCAPES = new Set(['*', '?', '$']);

/** Parses the variables out of a text; undefined when it has none (the common case). */
export function parseTemplate(text: string): TemplatePart[] | undefined {
  if (!text.includes('${')) return undefined;
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), glob: true });
    const inner = match[1]!.trim();
    if (ESCAPES.has(inner)) parts.push({ text: inner, glob: false });
    else {
      const comma = inner.indexOf(',');
      const key = (comma < 0 ? inner : inner.slice(0, comma)).trim().toLowerCase();
      const fallback = comma < 0 ? undefined : /^'(.*)'$/.exec(inner.slice(comma + 1).trim())?.[1];
      parts.push(fallback === undefined ? { variable: key } : { variable: key, fallback });
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), glob: true });
  return parts;
}

/**
 * How the context resolves one variable: its value, the default, `null` when it has no value
 * (absent key, no default), or undefined when unknown (or multivalued, which AWS does not
 * substitute).
 */
function variableValue(part: { variable: string; fallback?: string }, request: AccessRequest): string | null | undefined {
  const values = lookupContext(request, part.variable);
  if (values === undefined) return undefined;
  if (values !== null && values.length === 1) return values[0]!;
  if (values !== null && values.length > 1) return undefined;
  return part.fallback ?? null;
}

/** Lower-cased keys of the variables in a parsed text that the context cannot decide. */
export function unresolvedKeys(parts: readonly TemplatePart[], request: AccessRequest): string[] {
  const keys: string[] = [];
  for (const part of parts) if ('variable' in part && variableValue(part, request) === undefined) keys.push(part.variable);
  return keys;
}

/**
 * Substitutes the variables. `null` when one has no value: AWS reads the text as null, which
 * equals and is like nothing ("Policy variables with no value", IAM User Guide). Undefined when
 * a variable cannot be decided from the context.
 */
export function resolveTemplate(parts: readonly TemplatePart[], request: AccessRequest): PatternPiece[] | null | undefined {
  const pieces: PatternPiece[] = [];
  let unknown = false;
  for (const part of parts) {
    if (!('variable' in part)) {
      pieces.push(part);
      continue;
    }
    const value = variableValue(part, request);
    // No value decides the whole text, whatever the other variables are.
    if (value === null) return null;
    if (value === undefined) unknown = true;
    else pieces.push({ text: value, glob: false });
  }
  return unknown ? undefined : pieces;
}

/** The text of resolved pieces, for operators that compare whole strings. */
export function piecesText(pieces: readonly PatternPiece[]): string {
  return pieces.map((piece) => piece.text).join('');
}
