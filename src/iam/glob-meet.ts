/**
 * A shortest text that two IAM wildcard patterns both match (`*` any run, `?` one character),
 * or undefined when none does: a breadth-first search over pairs of positions, one in each
 * pattern, emitting one character per step. Lets a caller's choice `like` one pattern meet a
 * policy value written as another (`arn:*:iam::aws:policy/AdministratorAccess` and
 * `arn:aws:iam::aws:policy/*` meet in `arn:aws:iam::aws:policy/AdministratorAccess`).
 */

const FILL = 'x';

type State = { i: number; j: number };

/** Next positions in a pattern after emitting `ch` at position `i`, or none. */
function advance(pattern: string, i: number, ch: string): number[] {
  const p = pattern[i];
  if (p === undefined) return [];
  if (p === '*') return [i];
  if (p === '?' || p === ch) return [i + 1];
  return [];
}

/** The characters worth emitting at a pair of positions: the literals there, else a filler. */
function emittable(a: string, i: number, b: string, j: number): string[] {
  const out = new Set<string>();
  for (const c of [a[i], b[j]]) if (c !== undefined && c !== '*' && c !== '?') out.add(c);
  if (out.size === 0) out.add(FILL);
  return [...out];
}

/** A shortest common instance of two patterns; undefined when they share none. */
export function commonInstance(a: string, b: string, limit = 4096): string | undefined {
  const key = (s: State) => s.i * (b.length + 1) + s.j;
  const previous = new Map<number, { from: number; ch: string }>();
  const start: State = { i: 0, j: 0 };
  const queue: State[] = [start];
  const seen = new Set<number>([key(start)]);
  const goal = key({ i: a.length, j: b.length });
  const visit = (next: State, from: number, ch: string) => {
    const k = key(next);
    if (seen.has(k)) return;
    seen.add(k);
    previous.set(k, { from, ch });
    queue.push(next);
  };
  for (let head = 0; head < queue.length && head < limit; head += 1) {
    const state = queue[head]!;
    const k = key(state);
    if (k === goal) {
      let text = '';
      for (let at = k; previous.has(at); at = previous.get(at)!.from) text = previous.get(at)!.ch + text;
      return text;
    }
    // A star may match nothing: move past it without emitting (breadth-first keeps text short
    // enough; the empty steps are explored before longer texts only by queue order).
    if (a[state.i] === '*') visit({ i: state.i + 1, j: state.j }, k, '');
    if (b[state.j] === '*') visit({ i: state.i, j: state.j + 1 }, k, '');
    for (const ch of emittable(a, state.i, b, state.j)) {
      for (const i of advance(a, state.i, ch)) for (const j of advance(b, state.j, ch)) visit({ i, j }, k, ch);
    }
  }
  return undefined;
}
