/**
 * Target lists shared by content across the blocks of one technique step (issue 20). The
 * conditional administrators of a dense account each hold a block or a merged edge over every
 * user or role of the account, for each of a dozen rules: the same list of ARNs, once per caller
 * and rule (1.7 M entries at D7). Once formed, a block's list is never changed, so one array
 * serves every block whose list is the same, element for element.
 */
export class SharedLists {
  /** Lists by length, first and last element; the few with the same ends are compared in full. */
  private readonly byEnds = new Map<string, string[][]>();

  /** The list of this content seen first, or `list` itself when it is the first. */
  shared(list: string[]): string[] {
    if (list.length < 2) return list;
    const ends = `${list.length}\u0000${list[0]}\u0000${list[list.length - 1]}`;
    const known = this.byEnds.get(ends);
    if (!known) {
      this.byEnds.set(ends, [list]);
      return list;
    }
    for (const other of known) if (sameList(other, list)) return other;
    known.push(list);
    return list;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
