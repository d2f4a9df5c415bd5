/**
 * The output filter for a snapshot written to disk: every string a credential could hide in (a
 * description, a tag value, an error message) goes through redactText, except access key ids
 * listed by ListAccessKeys, which are identifiers the graph maps keys to users with. Objects
 * are copied only where something changed.
 */
import { redactText } from './redact-text.js';

/** Cheap test before the full filter: the prefixes and shapes redactText looks for. */
const MAY_HOLD_SECRET = /AKIA|ASIA|-----BEGIN|sk-|gh[pousr]_|github_pat_|xox[abprs]-|hf_|:\/\/|[A-Za-z0-9/+]{40}/;

/** Keys whose values are identifiers, not free text. */
const IDENTIFIERS = new Set(['AccessKeyId']);

/** A copy of `value` with credential-looking text in its strings replaced by redaction markers. */
export function redactFreeText<T>(value: T): T {
  return redactValue(value, undefined) as T;
}

function redactValue(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') {
    if ((key !== undefined && IDENTIFIERS.has(key)) || !MAY_HOLD_SECRET.test(value)) return value;
    return redactText(value);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = redactValue(item, undefined);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | undefined;
    for (const [k, item] of Object.entries(value)) {
      const next = redactValue(item, k);
      if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[k] = next;
    }
    return copy ?? value;
  }
  return value;
}
