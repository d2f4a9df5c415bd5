/**
 * The JSON report's shared work (json-provenance.ts, json-splice.ts) against the plain way:
 * `sortProvenance(list).map(provenanceJson)` per list, and `JSON.stringify(document, null, 2)`
 * of the whole document. Traps: records shared between lists, the same records in another
 * order, duplicates, unsorted and missing condition keys, a number whose text begins another's;
 * arrays placed at several depths and several times, strings holding newlines, quotes, U+0000
 * and what looks like a placeholder.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, PathEdge } from '../../src/analyze/finding.js';
import type { Provenance } from '../../src/graph/schema.js';
import { provenanceJson, ProvenanceWriter } from '../../src/report/json-provenance.js';
import { JsonSplices } from '../../src/report/json-splice.js';
import { findingsDocument, renderJson } from '../../src/report/json.js';
import { sortFindings, sortProvenance } from '../../src/report/order.js';
import { random } from '../fuzz/mutate.js';
import { SCENARIOS } from './results.js';

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

/** Records whose keys differ late, by prefixes of each other, or not at all. */
function records(next: () => number, count: number): Provenance[] {
  return Array.from({ length: count }, (): Provenance => {
    const p: Provenance = { policy: pick(next, ['arn:p', 'arn:p2', 'arn:p"q', 'arn:p\n']), policyKind: pick(next, ['identity', 'trust'] as const), conditionKeys: [] };
    if (next() < 0.7) p.statementIndex = pick(next, [0, 1, 12, 2]);
    if (next() < 0.5) p.sid = pick(next, ['A', 'AB', 'A B', '']);
    if (next() < 0.6) p.action = pick(next, ['iam:PassRole', 'iam:Pass', 'sts:AssumeRole']);
    if (next() < 0.6) p.resource = pick(next, ['arn:r/1', 'arn:r/12', 'arn:r/1 ', '*']);
    p.conditionKeys = next() < 0.5 ? [] : [pick(next, ['aws:b', 'aws:a']), pick(next, ['aws:a', 'aws:c', 'aws:b'])];
    // A record without the field at all keys as one with [] (sortProvenance's copy).
    if (next() < 0.2) delete (p as Partial<Provenance>).conditionKeys;
    return p;
  });
}

const plain = (list: readonly Provenance[]) => sortProvenance(list).map(provenanceJson);

describe('ProvenanceWriter', () => {
  it('writes every list as sortProvenance then provenanceJson, with records and lists shared between calls', () => {
    const next = random(11);
    const pool = records(next, 60);
    const writer = new ProvenanceWriter();
    const lists: Provenance[][] = [];
    for (let i = 0; i < 400; i++) {
      const shape = next();
      // Fresh lists of pooled records, reversed or shuffled copies of earlier lists, duplicates, one record, none.
      if (shape < 0.3 || lists.length === 0) lists.push(Array.from({ length: Math.floor(next() * 40) }, () => pick(next, pool)));
      else if (shape < 0.5) lists.push([...pick(next, lists)].reverse());
      else if (shape < 0.7) lists.push([...pick(next, lists)]);
      else if (shape < 0.8) lists.push(pick(next, lists).map((p) => ({ ...p })));
      else if (shape < 0.9) lists.push([pick(next, pool)]);
      else lists.push([]);
      const list = lists[lists.length - 1]!;
      expect(JSON.stringify(writer.write(list))).toBe(JSON.stringify(plain(list)));
    }
    // Every list again, in another order: cached answers are still the right ones.
    for (const list of [...lists].reverse()) expect(writer.write(list)).toEqual(plain(list));
  });

  it('writes lists of the same records in the same order as one array, and others apart', () => {
    const [a, b] = records(random(3), 2);
    const writer = new ProvenanceWriter();
    expect(writer.write([a!, b!])).toBe(writer.write([a!, b!]));
    expect(writer.write([a!, b!])).not.toBe(writer.write([a!]));
    expect(writer.write([b!, a!])).toEqual(writer.write([a!, b!]));
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A random document, and the same with some arrays (of any size) as placeholders of `splices`. */
function documents(next: () => number, splices: JsonSplices, shared: Json[][]): { whole: Json; placed: Json } {
  const build = (depth: number): { whole: Json; placed: Json } => {
    const r = next();
    if (depth > 4 || r < 0.3) {
      const leaf = pick(next, ['a', 'line\nbreak', 'quote"d', '\u0000nul', 'arrow →', '', 3, 12.5, true, null] as Json[]);
      return { whole: leaf, placed: leaf };
    }
    if (r < 0.45) {
      // A shared array, at whatever depth this is: its text is indented where it stands.
      const value = pick(next, shared);
      return { whole: value, placed: splices.place(value) };
    }
    const n = Math.floor(next() * 4);
    if (r < 0.7) {
      const items = Array.from({ length: n }, () => build(depth + 1));
      return { whole: items.map((i) => i.whole), placed: items.map((i) => i.placed) };
    }
    const whole: Record<string, Json> = {};
    const placed: Record<string, Json> = {};
    for (let k = 0; k < n; k++) {
      const item = build(depth + 1);
      whole[`k${k}`] = item.whole;
      placed[`k${k}`] = item.placed;
    }
    return { whole, placed };
  };
  return build(0);
}

describe('JsonSplices', () => {
  it('gives the text of the whole document, arrays written in where their placeholders stand', () => {
    const next = random(5);
    const shared: Json[][] = [[], [1, 'two\n', { three: [3, { deep: 'x' }] }], [{ a: [] }, {}], Array.from({ length: 50 }, (_, i) => ({ i, s: `r${i}` }))];
    for (let i = 0; i < 300; i++) {
      const splices = new JsonSplices();
      const { whole, placed } = documents(next, splices, shared);
      expect(splices.stringify(placed, '\n')).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    }
  });

  it('gives up when the text holds a placeholder it did not place, or lacks one it did', () => {
    const splices = new JsonSplices();
    const token = splices.place([1, 2]);
    expect(splices.stringify({ a: token, b: token })).toBeUndefined();
    expect(splices.stringify({ a: 'x' })).toBeUndefined();
    expect(splices.stringify({ a: token })).toBe(JSON.stringify({ a: [1, 2] }, null, 2));
    // Text that only begins like a placeholder, or names one that does not exist.
    expect(splices.stringify({ a: token, b: `${token}0` })).toBeUndefined();
    expect(splices.stringify({ a: token, b: token.replace(/0$/, '7') })).toBeUndefined();
    // With nothing placed the text is the plain one, whatever its strings look like.
    expect(new JsonSplices().stringify({ a: token }, '\n')).toBe(`${JSON.stringify({ a: token }, null, 2)}\n`);
  });
});

/** The demo result with long provenance lists, shared between hops and findings, records shared between lists. */
function longProvenance(text?: string): AnalysisResult {
  const result = SCENARIOS.demo().result;
  const pool = records(random(9), 80);
  const lists = [pool.slice(0, 40), [...pool.slice(0, 40)].reverse(), pool.slice(10, 80), pool.slice(0, 3)];
  let k = 0;
  const findings = result.findings.map((f) => ({
    ...f,
    ...(text ? { entry: { ...f.entry, label: text } } : {}),
    path: { ...f.path, edges: f.path.edges.map((e): PathEdge => ({ ...e, provenance: lists[k++ % lists.length]! })) },
  }));
  return { ...result, findings: [...findings, ...findings.map((f) => ({ ...f, id: `${f.id}-again` }))] };
}

describe('renderJson', () => {
  it.each([
    ['long shared provenance', undefined],
    ['a label that is a placeholder', '\u0000blastpath-splice:0'],
    ['a label that begins like one', '\u0000blastpath-splice:'],
  ])('writes the same bytes as the plain document with %s', (_name, text) => {
    const result = longProvenance(text);
    const ctx = { result, meta: SCENARIOS.demo().meta, color: false };
    const doc = findingsDocument(ctx);
    expect(renderJson(ctx)).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    // The plain document's provenance is sortProvenance's, list by list.
    expect(doc.findings.flatMap((f) => f.path.edges.map((e) => e.provenance))).toEqual(sortFindings(result.findings).flatMap((f) => f.path.edges.map((e) => plain(e.provenance))));
    // Long enough to be spliced (json.ts's SPLICED_RECORDS), or this proves nothing about splicing.
    expect(result.findings.some((f) => f.path.edges.some((e) => e.provenance.length >= 32))).toBe(true);
  });
});
