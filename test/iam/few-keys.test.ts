/**
 * FewKeys (src/iam/few-keys.ts) and the action index built on it: the same answers as a Map and
 * as the plain definition of an index's candidates (a service's own statements in policy order,
 * then those of any service), on hand-made keys and on every principal and resource policy of the demo.
 */
import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/graph/facts/index.js';
import { ActionIndex } from '../../src/iam/action-index.js';
import { FewKeys } from '../../src/iam/few-keys.js';
import type { CompiledPolicy, CompiledStatement } from '../../src/iam/index.js';
import { loadInputs } from '../../src/load/index.js';

describe('FewKeys', () => {
  it('answers as a Map through first keys, further keys, overwrites and the empty key', () => {
    const few = new FewKeys<number>();
    const map = new Map<string, number>();
    const steps: Array<[string, number]> = [['s3', 1], ['', 2], ['lambda', 3], ['s3', 4], ['', 5], ['*', 6], ['lambda', 7]];
    for (const [key, value] of steps) {
      few.set(key, value);
      map.set(key, value);
      for (const probe of ['s3', '', 'lambda', '*', 'ec2']) expect(few.get(probe), probe).toBe(map.get(probe));
    }
  });
});

/** The definition: statements naming the service, in order, then statements of any service, in order. */
function expected(policies: readonly CompiledPolicy[], service: string): CompiledStatement[] {
  const all = policies.flatMap((p) => p.statements);
  return [...all.filter((s) => !s.services.includes('*') && s.services.includes(service)), ...all.filter((s) => s.services.includes('*'))];
}

describe('ActionIndex', () => {
  it('lists every service\'s candidates as defined, for every policy list of the demo', async () => {
    const facts = buildFacts(await loadInputs(['fixtures/demo']));
    const lists: CompiledPolicy[][] = [
      ...facts.principals.map((p) => p.identity),
      ...facts.principals.flatMap((p) => (p.trust ? [[p.trust]] : [])),
      ...facts.resources.flatMap((r) => (r.policy ? [[r.policy]] : [])),
    ];
    const services = [...new Set([...lists.flat().flatMap((p) => p.statements.flatMap((s) => s.services)), 'ec2', 'nothing'])].filter((s) => s !== '*');
    let asked = 0;
    for (const list of lists) {
      const index = new ActionIndex(list);
      for (const service of services) {
        asked++;
        expect(index.candidates(service)).toEqual(expected(list, service));
        expect(index.candidates(service)).toBe(index.candidates(service));
        expect(index.allowsService(service)).toBe(expected(list, service).some((s) => s.effect === 'Allow'));
      }
    }
    expect(asked).toBeGreaterThan(500);
  });
});
