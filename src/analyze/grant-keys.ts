/**
 * The grant keys of provenance lists, computed once per list and analysis. Findings share hops
 * and a hop shares its edge's provenance list, so a dense account's 6,000 findings would
 * otherwise name the same few thousand statements again on every hop of every path (ids, root
 * causes). Lists and records are never mutated after the graph is built, so identity is a key.
 */
import { compareStrings } from '../core/hash.js';
import type { Provenance } from '../graph/schema.js';
import { grantKey } from './finding-id.js';

/** Grant keys by provenance list, for one analysis. */
export class GrantKeys {
  private readonly sorted = new WeakMap<readonly Provenance[], string[]>();
  private readonly each = new WeakMap<readonly Provenance[], string[]>();
  private readonly texts = new WeakMap<readonly Provenance[], string>();

  /** The list's distinct grant keys, sorted (a hop's identity names them so). */
  sortedOf(list: readonly Provenance[]): string[] {
    let keys = this.sorted.get(list);
    if (keys === undefined) this.sorted.set(list, (keys = [...new Set(this.of(list))].sort(compareStrings)));
    return keys;
  }

  /** sortedOf's keys as JSON text, for hop identities written as text (finding-id.ts hopIdentityText). */
  sortedTextOf(list: readonly Provenance[]): string {
    let text = this.texts.get(list);
    if (text === undefined) this.texts.set(list, (text = JSON.stringify(this.sortedOf(list))));
    return text;
  }

  /** The grant key of each record of the list, in list order. */
  of(list: readonly Provenance[]): string[] {
    let keys = this.each.get(list);
    if (keys === undefined) this.each.set(list, (keys = list.map(grantKey)));
    return keys;
  }
}
