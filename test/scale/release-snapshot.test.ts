/**
 * The parsed snapshot is let go once the graph's facts are read, when the caller says it reads it
 * no more (`analyze`): same analysis, an emptied `loaded.snapshot`, and the snapshot collectable.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { forEachEdge } from '../../src/graph/edge-view.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { analyzeLoaded } from '../../src/pipeline.js';
import { loadRules } from '../../src/rules/index.js';

/** A full garbage collection, asked of V8 from inside the test (no node flag needed). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('releasing the snapshot during the build', () => {
  it('gives the same findings, posture and report meta, and leaves an emptied snapshot behind', async () => {
    const kept = analyzeLoaded(await loadInputs(['fixtures/demo']), {});
    const released = analyzeLoaded(await loadInputs(['fixtures/demo']), { releaseSnapshot: true });
    expect(JSON.stringify(released.result)).toBe(JSON.stringify(kept.result));
    expect(released.meta).toEqual(kept.meta);
    const keys = (built: typeof kept.built) => {
      const out: string[] = [];
      forEachEdge(built, (key) => out.push(key));
      return out;
    };
    expect(keys(released.built)).toEqual(keys(kept.built));
    const emptied = released.loaded.snapshot;
    expect(emptied.collectedAt).toBe(kept.loaded.snapshot.collectedAt);
    expect(emptied.accounts.map((a) => a.accountId)).toEqual(kept.loaded.snapshot.accounts.map((a) => a.accountId));
    expect(emptied.accounts.every((a) => a.iam === undefined && Object.keys(a.regions).length === 0)).toBe(true);
    expect(emptied.coverage).toEqual([]);
    expect(kept.loaded.snapshot.accounts.some((a) => a.iam !== undefined)).toBe(true);
  });

  it('removes the snapshot from the build input only when asked', async () => {
    const rules = loadRules({});
    const loaded = await loadInputs(['fixtures/demo']);
    const input = { snapshot: loaded.snapshot, credentials: loaded.credentials };
    buildGraph(input, rules);
    expect(input.snapshot).toBe(loaded.snapshot);
    buildGraph(input, rules, { releaseSnapshot: true });
    expect('snapshot' in input).toBe(false);
  });

  it('lets the parsed snapshot be collected while the analysis result lives', async () => {
    const loaded = await loadInputs(['fixtures/demo']);
    const parsed = new WeakRef(loaded.snapshot);
    const analyzed = analyzeLoaded(loaded, { releaseSnapshot: true });
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(parsed.deref()).toBeUndefined();
    expect(analyzed.result.findings.length).toBeGreaterThan(0);
  });

  it('keeps the parsed snapshot reachable when not asked to release it (the check above can fail)', async () => {
    const loaded = await loadInputs(['fixtures/demo']);
    const parsed = new WeakRef(loaded.snapshot);
    const analyzed = analyzeLoaded(loaded, {});
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(parsed.deref()).toBe(analyzed.loaded.snapshot);
  });
});
