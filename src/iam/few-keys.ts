/**
 * A string-keyed map for the one or two keys most indexes hold: an action index of one policy
 * or a statement's action matchers nearly always know a single service. The first key lives in
 * the object itself, further keys in a Map made when the second arrives: about 50 bytes where a
 * Map costs about 250, for tens of thousands of indexes at size M (issue 20, memory).
 */
export class FewKeys<V> {
  private firstKey: string | undefined;
  private firstValue: V | undefined;
  private others: Map<string, V> | undefined;

  get(key: string): V | undefined {
    if (key === this.firstKey) return this.firstValue;
    return this.others?.get(key);
  }

  set(key: string, value: V): void {
    if (this.firstKey === undefined || key === this.firstKey) {
      this.firstKey = key;
      this.firstValue = value;
    } else {
      (this.others ??= new Map()).set(key, value);
    }
  }
}
