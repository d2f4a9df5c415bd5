/**
 * Which condition keys the caller sets with its own request or picks with where it sends the
 * request from, as opposed to facts about the principal, its session or the resource. The
 * global keys follow the groups of the IAM User Guide's "AWS global condition context keys"
 * (properties of the network, properties of the request); service-specific keys are request
 * parameters (Service Authorization Reference), except the resource's tags.
 */

/** Global keys of the network and the request that the caller controls, lower-cased. */
const CALLER_SET_GLOBAL = new Set([
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpcarn',
  'aws:sourcevpce',
  'aws:vpcsourceip',
  'aws:vpceaccount',
  'aws:vpceorgid',
  'aws:vpceorgpaths',
  'aws:securetransport',
  'aws:requestedregion',
  'aws:referer',
  'aws:useragent',
  'aws:tagkeys',
]);

/** True when the caller's request (or the network it comes from) sets this lower-cased key. */
export function isCallerSetKey(key: string): boolean {
  if (key.startsWith('aws:')) return CALLER_SET_GLOBAL.has(key) || key.startsWith('aws:requesttag/');
  return !/:(resourcetag|existingobjecttag)\//.test(key);
}
