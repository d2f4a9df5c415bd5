/**
 * Technique edges sent from a worker thread to the main thread. Worker threads share no objects,
 * and what crosses is copied; decoding it runs on the main thread while nothing else can, so it
 * is the part of the transfer that does not shrink with more threads. Edges repeat a few
 * thousand strings (ARNs, actions, statement hashes) hundreds of thousands of times and many
 * share provenance records, so each string is sent once in a table and each object once (later
 * uses refer to it): the text is a fraction of the edges' JSON and parses faster than a
 * structured clone of them. The result is the same values as a structured clone: key order,
 * shared objects, `undefined` and -0 included.
 */

/** Plain data (objects, arrays, strings, numbers, booleans, null, undefined) as one JSON text. */
export function pack(value: unknown): string {
  const strings = new Map<string, number>();
  /** Key lists by their joined text; the lists themselves go into the text. */
  const shapes = new Map<string, number>();
  const shapeKeys: string[][] = [];
  const seen = new Map<object, number>();
  const encode = (v: unknown): unknown => {
    switch (typeof v) {
      case 'string': {
        let index = strings.get(v);
        if (index === undefined) strings.set(v, (index = strings.size));
        return index;
      }
      case 'number':
        return Object.is(v, -0) ? 'n-0' : `n${v}`;
      case 'boolean':
        return v;
      case 'undefined':
        return 'u';
      case 'object': {
        if (v === null) return null;
        const ref = seen.get(v);
        if (ref !== undefined) return `r${ref}`;
        seen.set(v, seen.size);
        if (Array.isArray(v)) {
          const out: unknown[] = [-1];
          for (const item of v) out.push(encode(item));
          return out;
        }
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) throw new TypeError(`pack: not plain data (${(v as object).constructor?.name ?? 'object'})`);
        const keys = Object.keys(v);
        const shape = keys.join('\u0000');
        let index = shapes.get(shape);
        if (index === undefined) {
          shapes.set(shape, (index = shapes.size));
          shapeKeys.push(keys);
        }
        const out: unknown[] = [index];
        for (const key of keys) out.push(encode((v as Record<string, unknown>)[key]));
        return out;
      }
      default:
        throw new TypeError(`pack: not plain data (${typeof v})`);
    }
  };
  const body = encode(value);
  return JSON.stringify([[...strings.keys()], shapeKeys, body]);
}

/** The value `pack` was given. */
export function unpack(text: string): unknown {
  const [strings, shapes, body] = JSON.parse(text) as [string[], string[][], unknown];
  const objects: object[] = [];
  const decode = (v: unknown): unknown => {
    switch (typeof v) {
      case 'number':
        return strings[v];
      case 'string':
        if (v === 'u') return undefined;
        return v.charCodeAt(0) === 110 /* n */ ? Number(v.slice(1)) : objects[Number(v.slice(1))];
      case 'object': {
        if (v === null) return null;
        const list = v as unknown[];
        if (list[0] === -1) {
          const out: unknown[] = [];
          objects.push(out);
          for (let i = 1; i < list.length; i++) out.push(decode(list[i]));
          return out;
        }
        const keys = shapes[list[0] as number]!;
        const out: Record<string, unknown> = {};
        objects.push(out);
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]!;
          // Assigning `__proto__` would set the prototype instead of making the key.
          if (key === '__proto__') Object.defineProperty(out, key, { value: decode(list[i + 1]), enumerable: true, writable: true, configurable: true });
          else out[key] = decode(list[i + 1]);
        }
        return out;
      }
      default:
        return v;
    }
  };
  return decode(body);
}
