/**
 * The templates a block stores for one decision set: its records with the target left open, in
 * the order every edge's records take, and what the pair edge's attributes share.
 */
import { compareStrings } from '../../core/hash.js';
import { provenanceKey } from '../edges.js';
import type { HopTemplate, RecordTemplate } from '../target-block.js';
import type { SharedHopParts } from './decided.js';

/** Stands for the target in a provenance key: JSON escapes it, so no real resource is spelt the same. */
const MARK = '\u0000';
const MARK_FIELD = `"resource":${JSON.stringify(MARK)}`;

/**
 * The templates of the records in the order ProvenanceKeys.sort gives them for every target, or
 * undefined when that order depends on the target. A record's key is its fields in a fixed
 * order, `resource` among them: a record whose resource is the target and one whose resource
 * is fixed compare by their resources only when everything before `"resource":` is the same,
 * which is the case refused. Otherwise keys with MARK for the target sort and deduplicate as the
 * real keys do.
 */
export function orderedTemplates(records: readonly RecordTemplate[]): RecordTemplate[] | undefined {
  if (records.length < 2) return [...records];
  const keyed = records.map((t) => {
    const key = provenanceKey(t.varies ? { ...t.record, resource: MARK } : t.record);
    const at = t.varies ? key.indexOf(MARK_FIELD) : -1;
    return { t, key, prefix: at >= 0 ? key.slice(0, at) : undefined };
  });
  for (const a of keyed) {
    if (!a.t.varies) continue;
    if (a.prefix === undefined) return undefined;
    for (const b of keyed) if (!b.t.varies && b.key.startsWith(a.prefix + '"resource":')) return undefined;
  }
  keyed.sort((a, b) => compareStrings(a.key, b.key));
  const out: RecordTemplate[] = [];
  for (let i = 0; i < keyed.length; i++) if (i === 0 || keyed[i]!.key !== keyed[i - 1]!.key) out.push(keyed[i]!.t);
  return out;
}

/** The plain-data template of one decision set (a block orders its records first; a merged edge sorts them when read). */
export function hopTemplate(parts: SharedHopParts, records: RecordTemplate[]): HopTemplate {
  return {
    conditional: parts.conditional,
    confidence: parts.confidence,
    actions: normalizedActions(parts.actions),
    records,
    ...(parts.residual ? { residual: parts.residual } : {}),
    ...(parts.service ? { service: parts.service } : {}),
    ...(parts.chosen ? { chosen: parts.chosen } : {}),
  };
}

/** Sorted and unique, as EdgeSet.putOwned leaves an edge's actions. */
function normalizedActions(actions: readonly string[]): string[] {
  return actions.length < 2 ? [...actions] : [...new Set(actions)].sort(compareStrings);
}

/** The content of a template as text: equal texts, equal attributes for every target (hopAttrs reads nothing else). */
function templateKey(hop: HopTemplate): string {
  let key = JSON.stringify([hop.conditional, hop.confidence, hop.actions, hop.residual, hop.service, hop.chosen]);
  // A record's key is its content (provenanceKey); how it follows the target is after it.
  for (const t of hop.records) key += `\u0000${provenanceKey(t.record)}\u0001${t.varies ? 1 : 0}${t.policySuffix === undefined ? '' : `\u0001${t.policySuffix}`}`;
  return key;
}

/**
 * Templates shared by content across the blocks of one technique step (issue 20). The
 * conditional administrators of a dense account each merge a grant per role into their edge to
 * the admin node; where a role's grant is decided on its own customer policy, each caller makes
 * a template per role (68,734 at D7, 53 MiB), and callers holding one policy make the same ones.
 * Templates are plain data that nothing changes once made, so one object serves them all.
 */
export class SharedTemplates {
  private readonly byKey = new Map<string, HopTemplate>();

  /** The template of this content made first, or `hop` itself when it is the first. */
  shared(hop: HopTemplate): HopTemplate {
    const key = templateKey(hop);
    const known = this.byKey.get(key);
    if (known) return known;
    this.byKey.set(key, hop);
    return hop;
  }
}
