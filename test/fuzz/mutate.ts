/**
 * Seeded structural mutations of JSON documents, for the fuzz suite: the same seed gives the
 * same inputs, so a failure is replayed with `FUZZ_SEED=<seed>`. Mutations work on the parsed
 * tree (delete, retype, duplicate, empty, swap, rename, deepen) and on the text (truncate,
 * duplicate a key, corrupt a byte).
 */

/** mulberry32: small, fast, good enough to pick mutations. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Rand = () => number;

const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** Values that break assumptions: wrong types, empty, huge, odd strings. */
const ODD_VALUES: Json[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  ' ',
  '*',
  'arn:aws:iam::',
  'arn:aws:iam::123456789012:role/',
  'not-an-arn',
  '123456789012',
  '2025-13-45T99:99:99Z',
  'us-east-1',
  '\u0000\u202e\ud83d\ude00',
  'x'.repeat(5000),
  '%7Bnot-json',
  '{"Statement":[]}',
  [],
  {},
  [null],
  { Effect: 'Allow' },
  { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
];

/** Every container and key in the tree, with a way to set or delete it. */
function slots(root: Json): Array<{ parent: Json[] | Record<string, Json>; key: string | number; depth: number }> {
  const out: Array<{ parent: Json[] | Record<string, Json>; key: string | number; depth: number }> = [];
  const walk = (value: Json, depth: number) => {
    if (Array.isArray(value)) value.forEach((item, i) => (out.push({ parent: value, key: i, depth }), walk(item, depth + 1)));
    else if (value && typeof value === 'object') for (const [k, item] of Object.entries(value)) out.push({ parent: value, key: k, depth }), walk(item, depth + 1);
  };
  walk(root, 0);
  return out;
}

const TREE_MUTATIONS = ['delete', 'retype', 'duplicate', 'empty', 'swap', 'rename', 'deepen', 'wrap', 'stringify-number', 'copy-elsewhere'] as const;
const TEXT_MUTATIONS = ['truncate', 'duplicate-key', 'corrupt-byte', 'unicode-escape'] as const;
export type Mutation = (typeof TREE_MUTATIONS)[number] | (typeof TEXT_MUTATIONS)[number];

function mutateTree(root: Json, rand: Rand): string {
  const all = slots(root);
  if (all.length === 0) return 'none';
  const slot = pick(rand, all);
  const { parent, key } = slot;
  const get = () => (parent as Record<string | number, Json>)[key]!;
  const set = (value: Json) => void ((parent as Record<string | number, Json>)[key] = value);
  const kind = pick(rand, TREE_MUTATIONS);
  const where = `${kind} at depth ${slot.depth} key ${String(key)}`;
  switch (kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'retype':
      set(structuredClone(pick(rand, ODD_VALUES)));
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(get()));
      else set([structuredClone(get()), structuredClone(get())] as Json);
      break;
    case 'empty': {
      const value = get();
      set(Array.isArray(value) ? [] : value && typeof value === 'object' ? {} : '');
      break;
    }
    case 'swap': {
      const other = pick(rand, all);
      const a = get();
      set(structuredClone((other.parent as Record<string | number, Json>)[other.key] ?? null));
      (other.parent as Record<string | number, Json>)[other.key] = structuredClone(a ?? null);
      break;
    }
    case 'rename':
      if (!Array.isArray(parent)) {
        const value = get();
        delete parent[key as string];
        parent[pick(rand, [`${String(key)}x`, String(key).toLowerCase(), '__proto__', 'constructor', ''])] = value;
      }
      break;
    case 'deepen': {
      let value: Json = get();
      for (let i = 0; i < 1 + Math.floor(rand() * 60); i++) value = [value];
      set(value);
      break;
    }
    case 'wrap':
      set(Array.isArray(get()) ? ((get() as Json[])[0] ?? null) : [get()]);
      break;
    case 'stringify-number': {
      const value = get();
      set(typeof value === 'number' ? String(value) : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
      break;
    }
    case 'copy-elsewhere': {
      const other = pick(rand, all);
      (other.parent as Record<string | number, Json>)[other.key] = structuredClone(get() ?? null);
      break;
    }
  }
  return where;
}

function mutateText(text: string, rand: Rand): { text: string; what: string } {
  const kind = pick(rand, TEXT_MUTATIONS);
  const at = Math.floor(rand() * text.length);
  switch (kind) {
    case 'truncate':
      return { text: text.slice(0, at), what: `truncate at ${at}` };
    case 'duplicate-key': {
      const keys = [...text.matchAll(/"([A-Za-z]+)": ("[^"\\]*"|\d+|true|false|null),/g)];
      if (keys.length === 0) return { text, what: 'duplicate-key (none)' };
      const m = pick(rand, keys);
      return { text: `${text.slice(0, m.index!)}${m[0]} ${m[0]}${text.slice(m.index! + m[0].length)}`, what: `duplicate key ${m[1]}` };
    }
    case 'corrupt-byte':
      return { text: `${text.slice(0, at)}${pick(rand, ['{', '}', '"', ',', ':', '\\', '\n', 'x'])}${text.slice(at + 1)}`, what: `corrupt byte ${at}` };
    case 'unicode-escape':
      return { text: text.replace(/"Arn"/, '"\\u0041rn"'), what: 'escaped key' };
  }
}

/** One fuzz input: the mutated text and what was done to it, from a document and a case seed. */
export function mutate(document: unknown, seed: number): { text: string; what: string[] } {
  const rand = random(seed);
  const tree = structuredClone(document) as Json;
  const what: string[] = [];
  const rounds = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < rounds; i++) what.push(mutateTree(tree, rand));
  let text = JSON.stringify(tree, null, rand() < 0.5 ? 2 : 0);
  if (rand() < 0.25) {
    const mutated = mutateText(text, rand);
    text = mutated.text;
    what.push(mutated.what);
  }
  return { text, what };
}
