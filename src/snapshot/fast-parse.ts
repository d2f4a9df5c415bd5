/**
 * A faster path through the snapshot schema for input that is valid. zod builds a payload and
 * an issue list for every value it visits, and tries each branch of a union by collecting
 * issues: at size M (50,000 resources) that was a second of CPU and 600 MB of allocation. This
 * walks the same zod schema definitions and builds the same output (keys in the order zod
 * assigns them, defaults filled, unknown keys of loose objects kept), returning FAIL at the
 * first problem; validateSnapshot then runs zod itself, so every error message is zod's.
 *
 * Each kind of schema it handles reproduces zod's rule for valid input exactly (see the
 * comments); any other kind, and every transform, is handed to zod's own parser for that value.
 * Where zod would build a copy equal to its input (same keys in the same order, same values),
 * the input itself is returned: most of a snapshot is already in that form, and a copy of it
 * would only be more long-lived memory for the garbage collector to move.
 * Refinements and string formats run zod's own check functions on the built value.
 * test/snapshot/fast-parse.test.ts compares the output with zod's, key order included.
 */
import type { z } from 'zod';

/** Returned at the first problem: the value is invalid, zod says why. */
export const FAIL: unique symbol = Symbol('invalid');

type Parse = (value: unknown) => unknown;

interface Check {
  _zod: { def: { when?: unknown }; check(payload: Payload): unknown };
}
interface Payload {
  value: unknown;
  issues: unknown[];
}
interface Internals {
  def: Record<string, unknown> & { type: string; checks?: Check[] };
  traits: ReadonlySet<string>;
  optin?: 'optional' | 'defaulted';
  optout?: 'optional';
  values?: ReadonlySet<unknown>;
  run(payload: Payload, ctx: object): Payload | Promise<Payload>;
}

const internals = (schema: unknown) => (schema as { _zod: Internals })._zod;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The context safeParse gives zod's parsers (synchronous). */
const CONTEXT = { async: false };

/** zod's own parser for a value; FAIL when it finds any issue. */
function byZod(schema: unknown): Parse {
  const zod = internals(schema);
  return (value) => {
    const result = zod.run({ value, issues: [] }, CONTEXT);
    if (result instanceof Promise) throw new Error('asynchronous schema in the snapshot schema');
    return result.issues.length ? FAIL : result.value;
  };
}

const compiled = new WeakMap<object, Parse>();

/** The fast parser of a schema, built once per schema object (schemas are constants). */
export function fastParser(schema: z.ZodType): Parse {
  return parserOf(schema);
}

function parserOf(schema: unknown): Parse {
  let parse = compiled.get(schema as object);
  if (!parse) {
    // Set before building, through a forwarder: a schema may contain itself.
    let built: Parse | undefined;
    compiled.set(schema as object, (value) => built!(value));
    built = withChecks(schema, build(schema));
    compiled.set(schema as object, built);
    parse = built;
  }
  return parse;
}

/** zod runs a schema's checks on the parsed value, when parsing found no issue. */
function withChecks(schema: unknown, parse: Parse): Parse {
  const checks = internals(schema).def.checks ?? [];
  if (checks.length === 0) return parse;
  if (checks.some((check) => check._zod.def.when !== undefined)) return byZod(schema);
  return (value) => {
    const out = parse(value);
    if (out === FAIL) return FAIL;
    const payload: Payload = { value: out, issues: [] };
    for (const check of checks) {
      if (check._zod.check(payload) instanceof Promise) throw new Error('asynchronous check in the snapshot schema');
      if (payload.issues.length) return FAIL;
    }
    return payload.value;
  };
}

function build(schema: unknown): Parse {
  const zod = internals(schema);
  const def = zod.def;
  // Coercion, string and number formats (a schema that is its own check) and exact optionals
  // follow rules of their own: zod decides those.
  if ((def as { coerce?: boolean }).coerce || zod.traits.has('$ZodCheck') || zod.traits.has('$ZodExactOptional')) return byZod(schema);
  switch (def.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : FAIL);
    case 'number':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : FAIL);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : FAIL);
    case 'unknown':
      return (value) => value;
    case 'literal':
    case 'enum': {
      const values = zod.values!;
      return (value) => (values.has(value) ? value : FAIL);
    }
    case 'optional':
      return optionalParser(def['innerType']);
    case 'nullable': {
      const inner = parserOf(def['innerType']);
      return (value) => (value === null ? null : inner(value));
    }
    case 'default':
      return defaultParser(schema, def['innerType']);
    case 'array':
      return arrayParser(def['element']);
    case 'union':
      return unionParser(def['options'] as unknown[]);
    case 'object':
      return objectParser(schema);
    case 'record':
      return recordParser(schema);
    case 'pipe':
      return pipeParser(def['in'], def['out']);
    default:
      return byZod(schema);
  }
}

/** zod: an absent value passes (an inner default fills it); anything else is the inner schema's. */
function optionalParser(innerType: unknown): Parse {
  const inner = parserOf(innerType);
  if (internals(innerType).optin === 'defaulted') {
    return (value) => {
      if (value !== undefined) return inner(value);
      const out = inner(undefined);
      return out === FAIL ? undefined : out;
    };
  }
  return (value) => (value === undefined ? undefined : inner(value));
}

/** zod: an absent value becomes the default (not parsed); so does an inner result that is undefined. */
function defaultParser(schema: unknown, innerType: unknown): Parse {
  const def = internals(schema).def as unknown as { defaultValue: unknown };
  const inner = parserOf(innerType);
  return (value) => {
    if (value === undefined) return def.defaultValue;
    const out = inner(value);
    return out === undefined ? def.defaultValue : out;
  };
}

/**
 * zod: a new array of the parsed elements. The input array itself when every element comes back
 * unchanged: equal in content and order, and nothing new for the garbage collector to copy.
 */
function arrayParser(element: unknown): Parse {
  const parse = parserOf(element);
  return (value) => {
    if (!Array.isArray(value)) return FAIL;
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = parse(value[i]);
      if (item === FAIL) return FAIL;
      if (out) out.push(item);
      else if (item !== value[i]) (out = value.slice(0, i)).push(item);
    }
    return out ?? value;
  };
}

/** zod: the first option that parses without issue wins. */
function unionParser(options: unknown[]): Parse {
  const parsers = options.map(parserOf);
  return (value) => {
    for (const parse of parsers) {
      const out = parse(value);
      if (out !== FAIL) return out;
    }
    return FAIL;
  };
}

/** zod: the input stage (a preprocess) then the output schema on its result. */
function pipeParser(input: unknown, output: unknown): Parse {
  const first = parserOf(input);
  const second = parserOf(output);
  return (value) => {
    const middle = first(value);
    return middle === FAIL ? FAIL : second(middle);
  };
}

interface Field {
  key: string;
  parse: Parse;
  optin: Internals['optin'];
  optout: Internals['optout'];
}

/**
 * An object's output, written key by key, that stays the input object itself as long as each key
 * written is the input's next own key with its own value: then zod's copy would hold the same
 * keys, in the same order, with the same values. At the first difference it becomes a copy of
 * what was written so far.
 */
class OutputObject {
  private out: Record<string, unknown> | undefined;
  private next = 0;

  constructor(
    private readonly input: Record<string, unknown>,
    private readonly keys: readonly string[],
  ) {}

  write(key: string, item: unknown): void {
    if (this.out) this.out[key] = item;
    else if (this.keys[this.next] === key && this.input[key] === item) this.next++;
    else this.copy()[key] = item;
  }

  /** A key of the input left out of the output (zod drops an own `__proto__`). */
  skip(): void {
    this.copy();
  }

  result(): Record<string, unknown> {
    return this.out ?? (this.next === this.keys.length ? this.input : this.copy());
  }

  private copy(): Record<string, unknown> {
    if (!this.out) {
      this.out = {};
      for (let i = 0; i < this.next; i++) this.out[this.keys[i]!] = this.input[this.keys[i]!];
    }
    return this.out;
  }
}

/**
 * zod's object (its compiled path): the declared keys in declaration order, each assigned by the
 * rule of its optionality, then a loose object's other keys in input order, values as they are;
 * a strict object fails on any other key.
 */
function objectParser(schema: unknown): Parse {
  const def = internals(schema).def as unknown as { shape: Record<string, unknown>; catchall?: unknown };
  const catchall = def.catchall === undefined ? undefined : internals(def.catchall).def.type;
  if (catchall !== undefined && catchall !== 'unknown' && catchall !== 'never') return byZod(schema);
  const shapeKeys = Object.keys(def.shape);
  const declared = new Set(shapeKeys);
  // Built on first use: the shape may refer to schemas defined later (getters).
  let fields: Field[] | undefined;
  const fieldsOf = () =>
    (fields ??= shapeKeys
      .filter((key) => key !== '__proto__')
      .map((key) => {
        const zod = internals(def.shape[key]);
        return { key, parse: parserOf(def.shape[key]), optin: zod.optin, optout: zod.optout };
      }));
  return (value) => {
    if (!isObject(value)) return FAIL;
    const out = new OutputObject(value, Object.keys(value));
    for (const { key, parse, optin, optout } of fieldsOf()) {
      const present = key in value;
      const result = parse(value[key]);
      if (optin !== undefined && optout === 'optional') {
        // An absent optional key's problems are ignored, and so is its value.
        if (result === FAIL) {
          if (present) return FAIL;
          continue;
        }
        if (optin === 'optional' ? present : result !== undefined || present) out.write(key, result);
      } else if (optin === undefined) {
        if (result === FAIL || !present) return FAIL;
        out.write(key, result);
      } else {
        if (result === FAIL) return FAIL;
        if (optin === 'defaulted' || result !== undefined || present) out.write(key, result);
      }
    }
    if (catchall === undefined) return out.result();
    for (const key in value) {
      if (declared.has(key)) continue;
      if (catchall === 'never') return FAIL;
      if (key === '__proto__') out.skip();
      else out.write(key, value[key]);
    }
    return out.result();
  };
}

/** zod's record over string keys: own enumerable keys in order, each key and value parsed. */
function recordParser(schema: unknown): Parse {
  const def = internals(schema).def as unknown as { keyType: unknown; valueType: unknown; mode?: string; partial?: boolean };
  const keyZod = internals(def.keyType);
  // Records over a fixed key set, and loose ones, have rules of their own: zod decides those.
  if (def.mode !== undefined || def.partial !== undefined || keyZod.values !== undefined || keyZod.def.type !== 'string') return byZod(schema);
  const parseKey = parserOf(def.keyType);
  const parseValue = parserOf(def.valueType);
  return (value) => {
    if (!isPlainObject(value)) return FAIL;
    const keys = Reflect.ownKeys(value);
    const out = new OutputObject(value, keys as string[]);
    for (const key of keys) {
      if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(value, key)) {
        out.skip();
        continue;
      }
      // A key the key schema refuses is an issue (zod retries a numeric key as a number: FAIL decides).
      if (typeof key !== 'string' || parseKey(key) !== key) return FAIL;
      const item = parseValue(value[key]);
      if (item === FAIL) return FAIL;
      out.write(key, item);
    }
    return out.result();
  };
}

/** zod's test for a record: an object whose constructor, if any, is a plain one. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const ctor = (value as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prototype = (ctor as { prototype?: unknown }).prototype;
  return isObject(prototype) && Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf');
}
