/**
 * Where policy documents live in a snapshot, derived from the schema itself: every field whose
 * schema is PolicyDocument. A new section with a policy is found without a list to update, and
 * walking the templates touches policies only, not the 50,000 resources around them.
 */
import type { z } from 'zod';
import { PolicyDocument } from './policy-document.js';
import { Snapshot } from './schema.js';

/** One step of a location: a key, every element of an array (`[]`), every value of a record (`{}`). */
export type LocationStep = string | { each: 'array' | 'record' };

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function collect(schema: z.ZodType, at: LocationStep[], out: LocationStep[][], seen: Set<z.ZodType>): void {
  if (schema === PolicyDocument) {
    out.push(at);
    return;
  }
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape ?? {})) collect(child, [...at, key], out, seen);
      break;
    case 'array':
      collect(def.element!, [...at, { each: 'array' }], out, seen);
      break;
    case 'record':
      collect(def.valueType!, [...at, { each: 'record' }], out, seen);
      break;
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
    case 'readonly':
      collect(def.innerType!, at, out, seen);
      break;
    case 'union':
      for (const option of def.options ?? []) collect(option, at, out, seen);
      break;
    case 'pipe':
      collect(def.in!, at, out, seen);
      collect(def.out!, at, out, seen);
      break;
    default:
      break;
  }
  seen.delete(schema);
}

let cached: LocationStep[][] | undefined;

/** Every location of a policy document in the Snapshot schema. */
export function policyLocations(): readonly LocationStep[][] {
  cached ??= (() => {
    const out: LocationStep[][] = [];
    collect(Snapshot, [], out, new Set());
    return out;
  })();
  return cached;
}

/** Calls `visit` for every policy document of `snapshot`, with its JSON path. */
export function forEachPolicy(snapshot: unknown, visit: (policy: unknown, path: Array<string | number>) => void): void {
  for (const location of policyLocations()) follow(snapshot, location, 0, [], visit);
}

function follow(value: unknown, steps: readonly LocationStep[], i: number, path: Array<string | number>, visit: (policy: unknown, path: Array<string | number>) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (i === steps.length) {
    visit(value, [...path]);
    return;
  }
  const step = steps[i]!;
  if (typeof step === 'string') {
    if (!Object.hasOwn(value, step)) return;
    path.push(step);
    follow((value as Record<string, unknown>)[step], steps, i + 1, path, visit);
    path.pop();
  } else if (step.each === 'array') {
    if (!Array.isArray(value)) return;
    for (let k = 0; k < value.length; k++) {
      path.push(k);
      follow(value[k], steps, i + 1, path, visit);
      path.pop();
    }
  } else {
    for (const key of Object.keys(value)) {
      path.push(key);
      follow((value as Record<string, unknown>)[key], steps, i + 1, path, visit);
      path.pop();
    }
  }
}
