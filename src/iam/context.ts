/**
 * Reading the request context: values the caller knows, keyed by lower-cased condition key.
 * Facts are read from elsewhere when the context does not say: `aws:PrincipalTag/<key>` from
 * the principal's own tags and `aws:ResourceTag/<key>` from the resource's tags (a tag set is
 * complete, so a tag it lacks is known to be absent), and the keys the request itself decides
 * (time keys, `aws:RequestedRegion`: derived.ts).
 */
import { derivedValue } from './derived.js';
import type { AccessRequest } from './types.js';

const PRINCIPAL_TAG = 'aws:principaltag/';
const RESOURCE_TAG = 'aws:resourcetag/';
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

function tagValue(tags: Record<string, string>, key: string): readonly string[] | null {
  const value = tagsByLowerKey(tags).get(key);
  return value === undefined ? null : [value];
}

/** Values of a lower-cased key: a list, `null` when known absent, undefined when unknown. */
export function lookupContext(request: AccessRequest, key: string): readonly string[] | null | undefined {
  const context = request.context;
  if (context !== undefined && Object.hasOwn(context, key)) return context[key];
  const principalTags = request.principal.tags;
  if (principalTags !== undefined && key.startsWith(PRINCIPAL_TAG)) return tagValue(principalTags, key.slice(PRINCIPAL_TAG.length));
  const resourceTags = request.resourceTags;
  if (resourceTags !== undefined && key.startsWith(RESOURCE_TAG)) return tagValue(resourceTags, key.slice(RESOURCE_TAG.length));
  return derivedValue(request, key);
}
