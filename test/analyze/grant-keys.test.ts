import { describe, expect, it } from 'vitest';
import { rootCauses } from '../../src/analyze/choke-points.js';
import { findingId, grantKey, hopIdentity, hopIdentityText } from '../../src/analyze/finding-id.js';
import { GrantKeys } from '../../src/analyze/grant-keys.js';
import { shortHash, stableStringify } from '../../src/core/hash.js';
import type { Provenance } from '../../src/graph/schema.js';
import { demoAnalyzed } from '../gate/contexts.js';

const statement = (policy: string, sid?: string, field?: string): Provenance => ({ policy, policyKind: 'identity', ...(sid ? { sid } : {}), ...(field ? { field } : {}), conditionKeys: [] });

describe('GrantKeys (grant keys made once per provenance list)', () => {
  it('gives each list its grant keys in order, and the distinct ones sorted', () => {
    const list = [statement('p2', 'B'), statement('p1', 'A'), statement('p2', 'B'), statement('p3', undefined, 'env[3].value')];
    const keys = new GrantKeys();
    expect(keys.of(list)).toEqual(list.map(grantKey));
    expect(keys.sortedOf(list)).toEqual(['p1#A', 'p2#B', 'p3#env[].value']);
    // The same list is answered from what was made: the very same array.
    expect(keys.sortedOf(list)).toBe(keys.sortedOf(list));
    expect(keys.sortedTextOf(list)).toBe(JSON.stringify(['p1#A', 'p2#B', 'p3#env[].value']));
  });

  it('leaves finding ids and root causes as they are without it', async () => {
    const { result } = await demoAnalyzed();
    const keys = new GrantKeys();
    for (const f of result.findings) {
      const parts = { entry: f.entry.node, entryPoint: f.entry.entryPoint, target: f.target.node, impact: f.target.impact, edges: f.path.edges };
      expect(findingId(parts, (list) => keys.sortedTextOf(list))).toBe(f.id);
      expect(findingId(parts)).toBe(f.id);
      // The id is the hash of the identity's canonical (key-sorted) JSON.
      expect(f.id).toBe(`bp-${shortHash(stableStringify([parts.entry, parts.entryPoint, parts.target, parts.impact, f.path.edges.map((e) => hopIdentity(e))]))}`);
    }
    expect(rootCauses(result.findings, keys)).toEqual(rootCauses(result.findings));
    for (const e of result.findings.flatMap((f) => f.path.edges)) expect(hopIdentityText(e)).toBe(stableStringify(hopIdentity(e)));
  });
});
