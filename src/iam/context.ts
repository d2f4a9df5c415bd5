/**
 * Reading the request context: values the caller knows, keyed by lower-cased condition key.
 * The one fact read from elsewhere is `aws:PrincipalTag/<key>`, which the principal's own
 * tags answer when the context does not: a principal's tag set is complete, so a tag it
 * lacks is known to be absent.
 */
import type { AccessRequest } from './types.js';

const TAG_PREFIX = 'aws:principaltag/';
const loweredTags = new WeakMap<Record<string, string>, Map<string, string>>();

function tagsByLowerKey(tags: Record<string, string>): Map<string, string> {
  let map = loweredTags.get(tags);
  if (!map) {
    // Tag keys in condition keys match case-insensitively.
    map = new Map(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));
    loweredTags.set(tags, map);
  }
  return map;
}

/** Values of a lower-cased key: a list, `null` when known absent, undefined when unknown. */
export function lookupContext(request: AccessRequest, key: string): readonly string[] | null | undefined {
  const context = request.context;
  if (context !== undefined && Object.hasOwn(context, key)) return context[key];
  const tags = request.principal.tags;
  if (tags !== undefined && key.startsWith(TAG_PREFIX)) {
    const value = tagsByLowerKey(tags).get(key.slice(TAG_PREFIX.length));
    return value === undefined ? null : [value];
  }
  return undefined;
}
