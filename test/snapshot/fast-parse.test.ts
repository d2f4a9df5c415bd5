/**
 * The fast path through the snapshot schema (src/snapshot/fast-parse.ts) must accept exactly
 * what zod accepts and build exactly what zod builds, key order included (defaults filled,
 * unknown fields kept, policy documents decoded): on every snapshot fixture, on a generated
 * organization, and on random mutations of a valid snapshot, many of which make it invalid. It
 * shares what it leaves unchanged with its input instead of copying it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeSnapshot } from '../../bench/generator/index.js';
import { FAIL, fastParser } from '../../src/snapshot/fast-parse.js';
import { PolicyDocument } from '../../src/snapshot/policy-document.js';
import { Snapshot } from '../../src/snapshot/schema.js';

/** Where two values differ (own keys in order, prototypes, primitives), or undefined when they are the same. */
function difference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${String(a)} / ${String(b)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`;
  const keysA = Reflect.ownKeys(a);
  const keysB = Reflect.ownKeys(b);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) return `${path}: keys ${keysA.map(String).join(',')} / ${keysB.map(String).join(',')}`;
  for (const key of keysA) {
    const found = difference((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`);
    if (found) return found;
  }
  return undefined;
}

/** zod's verdict and output against the fast path's. */
function compare(data: unknown): { valid: boolean; mismatch?: string } {
  const zod = Snapshot.safeParse(structuredClone(data), { reportInput: true });
  const fast = fastParser(Snapshot)(structuredClone(data));
  if (zod.success !== (fast !== FAIL)) return { valid: zod.success, mismatch: `zod ${zod.success ? 'accepts' : 'refuses'}, the fast path ${fast === FAIL ? 'refuses' : 'accepts'}` };
  const mismatch = zod.success ? difference(zod.data, fast) : undefined;
  return { valid: zod.success, ...(mismatch ? { mismatch } : {}) };
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

const snapshotFixtures = jsonFiles('fixtures').filter((file) => {
  const text = readFileSync(file, 'utf8');
  return text.includes('"schemaVersion"');
});

describe('the fast path through the snapshot schema', () => {
  it('builds what zod builds on every snapshot fixture', () => {
    expect(snapshotFixtures.length).toBeGreaterThan(100);
    const mismatches = snapshotFixtures.flatMap((file) => {
      const { mismatch } = compare(JSON.parse(readFileSync(file, 'utf8')));
      return mismatch ? [`${file}: ${mismatch}`] : [];
    });
    expect(mismatches).toEqual([]);
  });

  it('builds what zod builds on a generated organization', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blastpath-fast-parse-'));
    try {
      const file = join(dir, 'org.json');
      await writeSnapshot(file, { roles: 200, accounts: 4, seed: 'fast-parse' });
      expect(compare(JSON.parse(await readFile(file, 'utf8')))).toEqual({ valid: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shares the parts validation leaves unchanged, and copies the rest', () => {
    const tags = [{ Key: 'team', Value: 'ml' }];
    const role = {
      RoleName: 'r',
      Arn: 'arn:aws:iam::111111111111:role/r',
      Tags: tags,
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] })),
    };
    const data = {
      schemaVersion: 1,
      collectedAt: '2025-01-01T00:00:00Z',
      tool: { name: 'blastpath', version: '0.1.0' },
      accounts: [{ accountId: '111111111111', iam: { AuthorizationDetails: { RoleDetailList: [role] } } }],
    };
    const out = fastParser(Snapshot)(data) as { accounts: Array<{ iam: { AuthorizationDetails: { RoleDetailList: Array<Record<string, unknown>> } } }> };
    const parsed = out.accounts[0]!.iam.AuthorizationDetails.RoleDetailList[0]!;
    // The decoded trust policy makes a new role object; its tags are the input's.
    expect(parsed).not.toBe(role);
    expect(parsed['Tags']).toBe(tags);
    expect(parsed['AssumeRolePolicyDocument']).toMatchObject({ Statement: [{ Action: 'sts:AssumeRole' }] });
    expect(compare(data)).toEqual({ valid: true });
  });

  it('agrees with zod on random mutations of a valid snapshot', () => {
    const base = JSON.parse(readFileSync('fixtures/demo/data-platform.snapshot.json', 'utf8')) as unknown;
    // Every container (object or array) of the document, by path.
    const containers: Array<Array<string | number>> = [];
    const walk = (value: unknown, path: Array<string | number>) => {
      if (value === null || typeof value !== 'object') return;
      containers.push(path);
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
      else for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    };
    walk(base, []);
    const at = (root: unknown, path: ReadonlyArray<string | number>) =>
      path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), root);
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom<unknown>('*', 'Allow', 'us-east-1', '111111111111', '%7B%7D', '{"Statement":[]}', [], {}, null, true, 0),
    );
    const mutation = fc.record({
      container: fc.nat({ max: containers.length - 1 }),
      pick: fc.nat(),
      kind: fc.constantFrom('delete', 'replace', 'add-field', 'wrap', 'unwrap', 'reorder'),
      value: replacement,
      field: fc.constantFrom('Extra', 'Effect', 'Action', 'Condition', 'Principal', '__proto__', 'Tags', 'Policy'),
    });
    const verdicts = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const data = structuredClone(base) as Record<string, unknown>;
        for (const m of mutations) {
          const container = at(data, containers[m.container]!) as Record<string | number, unknown> | unknown[] | undefined;
          if (container === null || typeof container !== 'object') continue;
          const keys = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
          if (m.kind === 'add-field') {
            if (!Array.isArray(container)) Object.defineProperty(container, m.field, { value: m.value, enumerable: true, configurable: true, writable: true });
            continue;
          }
          if (keys.length === 0) continue;
          if (m.kind === 'reorder') {
            // The same fields, the picked one moved to the end: zod's output keeps its own order.
            if (Array.isArray(container)) continue;
            const moved = keys[m.pick % keys.length]!;
            const value = (container as Record<string, unknown>)[moved];
            delete (container as Record<string, unknown>)[moved];
            (container as Record<string, unknown>)[moved] = value;
            continue;
          }
          const key = keys[m.pick % keys.length]!;
          const record = container as Record<string | number, unknown>;
          if (m.kind === 'delete') {
            if (Array.isArray(container)) container.splice(key as number, 1);
            else delete record[key];
          } else if (m.kind === 'replace') record[key] = m.value;
          else if (m.kind === 'wrap') record[key] = [record[key]];
          else if (Array.isArray(record[key]) && (record[key] as unknown[]).length > 0) record[key] = (record[key] as unknown[])[0];
        }
        const { valid, mismatch } = compare(data);
        expect(mismatch).toBeUndefined();
        verdicts[valid ? 'valid' : 'invalid']++;
      }),
      { numRuns: 400 },
    );
    // Both sides of the question were asked.
    expect(verdicts.valid).toBeGreaterThan(40);
    expect(verdicts.invalid).toBeGreaterThan(40);
  });

  it('returns the input itself only when zod would build the same keys in the same order', () => {
    const statement = { Sid: 's', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } };
    const policy = { Version: '2012-10-17', Statement: [statement] };
    const data = {
      schemaVersion: 1,
      collectedAt: '2025-01-01T00:00:00Z',
      tool: { name: 'blastpath', version: '0.1.0' },
      accounts: [{ accountId: '111111111111', iam: { AuthorizationDetails: { RoleDetailList: [], Policies: [] } }, regions: {} }],
    };
    const parse = fastParser(PolicyDocument);
    // In zod's order: the same objects, records and lists.
    const same = parse(policy) as typeof policy;
    expect(same).toBe(policy);
    // Effect before Sid: zod writes Sid first, so the statement is a copy in zod's order, its condition record shared.
    const swapped = { Effect: 'Allow', Sid: 's', Action: 'lambda:InvokeFunction', Resource: '*', Condition: statement.Condition };
    const out = (parse({ Statement: swapped }) as { Statement: Record<string, unknown> }).Statement;
    expect(out).not.toBe(swapped);
    expect(Object.keys(out)).toEqual(['Sid', 'Effect', 'Action', 'Resource', 'Condition']);
    expect(out['Condition']).toBe(statement.Condition);
    // An unknown key of a loose object is kept after the declared ones; before them, the object is a copy.
    const extraLast = { ...statement, Extra: 1 };
    expect((parse({ Statement: extraLast }) as { Statement: unknown }).Statement).toBe(extraLast);
    const extraFirst = { Extra: 1, ...statement };
    const reordered = (parse({ Statement: extraFirst }) as { Statement: Record<string, unknown> }).Statement;
    expect(Object.keys(reordered)).toEqual(['Sid', 'Effect', 'Action', 'Resource', 'Condition', 'Extra']);
    // A record with an own __proto__ key or a non-enumerable key is a copy without it.
    const condition = JSON.parse('{"StringEquals":{"__proto__":"x","aws:SourceAccount":"1"}}') as Record<string, unknown>;
    const hidden = { StringEquals: { a: '1' } };
    Object.defineProperty(hidden, 'Hidden', { value: { b: '2' }, enumerable: false });
    for (const block of [condition, hidden]) expect(compare({ ...data, accounts: [{ ...data.accounts[0], iam: { AuthorizationDetails: { RoleDetailList: [], Policies: [{ PolicyName: 'p', Arn: 'arn:aws:iam::111111111111:policy/p', PolicyVersionList: [{ Document: { Statement: [{ ...statement, Condition: block }] }, IsDefaultVersion: true }] }] } } }] })).toEqual({ valid: true });
    expect(compare(data)).toEqual({ valid: true });
  });

  it('builds what zod builds for an object of more fields than its bit mask holds', () => {
    const names = Array.from({ length: 34 }, (_, i) => `f${i}`);
    const shape = Object.fromEntries(names.map((name, i) => [name, i % 3 === 0 ? z.string() : i % 3 === 1 ? z.string().optional() : z.number().default(7)]));
    const wide = z.looseObject(shape);
    const full = Object.fromEntries(names.map((name, i) => [name, i % 3 === 2 ? i : `v${i}`]));
    const sparse = Object.fromEntries(names.filter((_, i) => i % 3 === 0).map((name) => [name, 'x']));
    const inputs: unknown[] = [full, sparse, { ...sparse, extra: true }, { extra: true, ...full }, { ...full, f0: 1 }, { ...sparse, f2: 'no' }, [], null];
    for (const input of inputs) {
      const zod = wide.safeParse(structuredClone(input));
      const fast = fastParser(wide)(structuredClone(input));
      expect(fast === FAIL).toBe(!zod.success);
      if (zod.success) expect(difference(zod.data, fast)).toBeUndefined();
    }
    expect(fastParser(wide)(full)).toBe(full);
  });
});
