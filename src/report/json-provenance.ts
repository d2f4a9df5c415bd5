/**
 * A hop's provenance as the JSON report writes it: sortProvenance's order, each record projected
 * field by field. Done once per record and once per list per rendering: the hops of a dense
 * account's findings share records (a conditional administrator's edge lists one per principal it
 * can take over, thousands, and many such edges list the same records), so sorting each list
 * from scratch would key the same records again and again.
 */
import { provenanceKey } from '../graph/edges.js';
import type { Provenance } from '../graph/schema.js';
import { compareStrings } from '../core/hash.js';
import type { AllKeys } from './context.js';
import { sortedSet } from './order.js';

/** One record as the document writes it (condition keys sorted). */
export function provenanceJson(p: Provenance) {
  return {
    policy: p.policy,
    policyKind: p.policyKind,
    statementIndex: p.statementIndex,
    sid: p.sid,
    statementHash: p.statementHash,
    action: p.action,
    resource: p.resource,
    conditionKeys: sortedSet(p.conditionKeys),
    field: p.field,
  } satisfies AllKeys<Provenance>;
}

export type ProvenanceJson = ReturnType<typeof provenanceJson>;

/** A record's projection and the key sortProvenance orders it by (its text with condition keys sorted). */
interface Written {
  json: ProvenanceJson;
  key: string;
}

/**
 * Writes provenance lists as sortProvenance(list).map(provenanceJson) would, with each record
 * keyed and projected once, and lists of the same records (by identity, in the same order)
 * written as one array: the JSON splicer then writes that array's text once.
 */
export class ProvenanceWriter {
  private readonly records = new WeakMap<Provenance, Written>();
  private readonly lists = new WeakMap<readonly Provenance[], ProvenanceJson[]>();
  /** Arrays already written, by their list's first record: a list is looked up among the few sharing it. */
  private readonly byFirst = new Map<Provenance, Array<{ list: readonly Provenance[]; json: ProvenanceJson[] }>>();

  /** The list as the document writes it. */
  write(list: readonly Provenance[]): ProvenanceJson[] {
    let json = this.lists.get(list);
    if (json === undefined) this.lists.set(list, (json = this.sameRecords(list) ?? this.sorted(list)));
    return json;
  }

  /** The array already written for a list of the same records in the same order, if any. */
  private sameRecords(list: readonly Provenance[]): ProvenanceJson[] | undefined {
    if (list.length === 0) return undefined;
    const seen = this.byFirst.get(list[0]!);
    for (const other of seen ?? []) if (sameItems(other.list, list)) return other.json;
    return undefined;
  }

  private sorted(list: readonly Provenance[]): ProvenanceJson[] {
    const written = list.map((p) => this.record(p));
    // sortProvenance's order: by key (a total order on content, so ties are equal records and write the same).
    if (written.length > 1) written.sort((a, b) => compareStrings(a.key, b.key));
    const json = written.map((w) => w.json);
    if (list.length) {
      const first = list[0]!;
      (this.byFirst.get(first) ?? this.byFirst.set(first, []).get(first)!).push({ list, json });
    }
    return json;
  }

  private record(p: Provenance): Written {
    let written = this.records.get(p);
    if (written === undefined) {
      // sortProvenance keys the record with its condition keys sorted (and [] when it has none).
      const canonical = { ...p, conditionKeys: sortedSet(p.conditionKeys) };
      this.records.set(p, (written = { json: provenanceJson(canonical), key: provenanceKey(canonical) }));
    }
    return written;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
