/**
 * Event selectors, basic or advanced, as one list of rules: which category, read or write,
 * which resource types and ARN prefixes, which event sources and names. Fields blastpath does
 * not interpret (`EndsWith`, `userIdentity.arn`, ...) narrow nothing here: a selector is never
 * read as recording less than it may, so a hop is called silent only when no selector can
 * record it.
 */
import type { TrailEventSelectors } from '../snapshot/index.js';
import type { TrailEvent } from './events.js';

/** One normalized selector. Absent lists select everything. */
export interface EventRule {
  category: 'management' | 'data';
  /** undefined: read and write events. */
  readOnly?: boolean;
  resourceTypes?: string[];
  arnPrefixes?: string[];
  arnExcluded?: string[];
  sources?: string[];
  excludedSources: string[];
  eventNames?: string[];
  excludedEventNames: string[];
}

const READ_WRITE: Record<string, boolean | undefined> = { ReadOnly: true, WriteOnly: false, All: undefined };

/** `arn:aws:s3`, `arn:aws:s3:::` and `arn:aws:lambda` select every resource of the type. */
function prefixes(values: string[] | undefined): string[] | undefined {
  if (!values || values.some((v) => /^arn:[^:]+:(s3(:::)?|lambda|dynamodb)$/.test(v))) return undefined;
  return values;
}

type Basic = NonNullable<TrailEventSelectors['EventSelectors']>[number];
type Advanced = NonNullable<TrailEventSelectors['AdvancedEventSelectors']>[number];

function basicRules(selector: Basic): EventRule[] {
  const readOnly = READ_WRITE[selector.ReadWriteType ?? 'All'];
  const shared = { ...(readOnly === undefined ? {} : { readOnly }), excludedEventNames: [] };
  const rules: EventRule[] = [];
  if (selector.IncludeManagementEvents !== false) rules.push({ category: 'management', ...shared, excludedSources: selector.ExcludeManagementEventSources ?? [] });
  for (const resource of selector.DataResources ?? []) {
    const arnPrefixes = prefixes(resource.Values);
    if (resource.Values?.length === 0) continue;
    rules.push({ category: 'data', ...shared, ...(resource.Type ? { resourceTypes: [resource.Type] } : {}), ...(arnPrefixes ? { arnPrefixes } : {}), excludedSources: [] });
  }
  return rules;
}

function advancedRule(selector: Advanced): EventRule | undefined {
  const field = (name: string) => selector.FieldSelectors.find((f) => f.Field === name);
  const category = field('eventCategory')?.Equals?.[0];
  if (category !== 'Management' && category !== 'Data') return undefined;
  const readOnly = field('readOnly')?.Equals?.[0];
  const arn = field('resources.ARN');
  const included = [...(arn?.Equals ?? []), ...(arn?.StartsWith ?? [])];
  const excluded = [...(arn?.NotEquals ?? []), ...(arn?.NotStartsWith ?? [])];
  const types = field('resources.type')?.Equals;
  const sources = field('eventSource');
  const names = field('eventName');
  return {
    category: category === 'Management' ? 'management' : 'data',
    ...(readOnly === 'true' ? { readOnly: true } : readOnly === 'false' ? { readOnly: false } : {}),
    ...(types ? { resourceTypes: types } : {}),
    ...(included.length ? { arnPrefixes: included } : {}),
    ...(excluded.length ? { arnExcluded: excluded } : {}),
    ...(sources?.Equals ? { sources: sources.Equals } : {}),
    excludedSources: sources?.NotEquals ?? [],
    ...(names?.Equals ? { eventNames: names.Equals } : {}),
    excludedEventNames: names?.NotEquals ?? [],
  };
}

/** Every rule of a trail's selectors (a trail uses basic or advanced selectors, not both). */
export function selectorsOf(selectors: TrailEventSelectors): EventRule[] {
  return [...(selectors.EventSelectors ?? []).flatMap(basicRules), ...(selectors.AdvancedEventSelectors ?? []).flatMap((s) => advancedRule(s) ?? [])];
}

/** Whether a rule records an event whose name is `eventName` (the action's name: InvokeModel, GetObject). */
export function ruleRecords(rule: EventRule, event: TrailEvent, eventName: string): boolean {
  if (event.category === 'unrecorded' || rule.category !== event.category) return false;
  if (rule.readOnly !== undefined && rule.readOnly !== event.readOnly) return false;
  if (rule.eventNames && !rule.eventNames.includes(eventName)) return false;
  if (rule.excludedEventNames.includes(eventName)) return false;
  if (event.category === 'management') {
    if (rule.excludedSources.includes(event.source)) return false;
    return !rule.sources || rule.sources.includes(event.source);
  }
  if (rule.resourceTypes && !rule.resourceTypes.includes(event.resourceType)) return false;
  if (rule.arnExcluded?.some((p) => event.arn.startsWith(p))) return false;
  return !rule.arnPrefixes || rule.arnPrefixes.some((p) => event.arn.startsWith(p));
}
