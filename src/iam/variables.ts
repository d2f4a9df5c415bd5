/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`) in resources and condition
 * values. A variable is substituted only when the request context holds exactly one value for
 * its key; otherwise the text it sits in cannot be decided and the caller treats it as unknown.
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

/** Lower-cased keys of the variables in a parsed text that the context cannot substitute. */
export function unresolvedKeys(parts: readonly TemplatePart[], request: AccessRequest): string[] {
  const keys: string[] = [];
  for (const part of parts) {
    if (!('variable' in part)) continue;
    const values = lookupContext(request, part.variable);
    const resolvable = values ? values.length === 1 : values === null && part.fallback !== undefined;
    if (!resolvable) keys.push(part.variable);
  }
  return keys;
}

/** Substitutes the variables; undefined when any of them cannot be decided from the context. */
export function resolveTemplate(parts: readonly TemplatePart[], request: AccessRequest): PatternPiece[] | undefined {
  const pieces: PatternPiece[] = [];
  for (const part of parts) {
    if (!('variable' in part)) {
      pieces.push(part);
      continue;
    }
    const values = lookupContext(request, part.variable);
    if (values && values.length === 1) pieces.push({ text: values[0]!, glob: false });
    else if (values === null && part.fallback !== undefined) pieces.push({ text: part.fallback, glob: false });
    else return undefined;
  }
  return pieces;
}

/** The text of resolved pieces, for operators that compare whole strings. */
export function piecesText(pieces: readonly PatternPiece[]): string {
  return pieces.map((piece) => piece.text).join('');
}
