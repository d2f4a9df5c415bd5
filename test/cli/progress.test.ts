/**
 * Progress on stderr for analyses and exports: one plain line per stage on a log, a status
 * line redrawn in place on a terminal, and nothing at all while the run is still short
 * (the quiet period is set to 0 or to never here, so no test depends on the machine's speed).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_STAGES } from '../../src/pipeline.js';
import { runCli } from './helpers.js';

describe('progress on stderr', () => {
  it('a log gets one line per stage, in pipeline order, and the report stays on stdout', async () => {
    const run = await runCli(['analyze', 'fixtures/demo', '--format', 'json'], { progressDelayMs: 0 });
    expect(run.code).toBe(0);
    const stages = run.stderr.split('\n').filter(Boolean).map((line) => line.replace(/^blastpath: analyzing: /, '').replace(/ \(\d+ entry points\)$/, ''));
    expect(stages).toEqual([...ANALYSIS_STAGES]);
    const doc = JSON.parse(run.stdout) as { findings: unknown[]; stats: { entries: number } };
    // The count the progress line gives is the one the report's stats give.
    expect(run.stderr).toContain(`searching paths (${doc.stats.entries} entry points)`);
    expect(doc.stats.entries).toBeGreaterThan(1);
    expect(doc.findings.length).toBeGreaterThan(0);
  });

  it('a terminal gets a status line redrawn in place, closed when the run ends', async () => {
    const run = await runCli(['analyze', 'fixtures/demo', '--format', 'json'], { progressDelayMs: 0, stderrIsTTY: true });
    expect(run.stderr).toMatch(/^\r\u001b\[2Kanalyzing: loading input/);
    expect(run.stderr).toMatch(/\r\u001b\[2Kanalyzed: rendering\n$/);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('nothing is printed before the quiet period ends', async () => {
    const run = await runCli(['analyze', 'fixtures/demo', '--format', 'json'], { progressDelayMs: Number.POSITIVE_INFINITY, stderrIsTTY: true });
    expect(run.stderr).toBe('');
  });

  it('export reports its stages and each file it writes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blastpath-progress-'));
    const run = await runCli(['export', 'fixtures/demo', '--format', 'neo4j', '-o', dir], { progressDelayMs: 0 });
    expect(run.stderr.split('\n').filter((l) => l.startsWith('blastpath: exporting: '))).toEqual([
      'blastpath: exporting: loading input',
      'blastpath: exporting: building graph',
      'blastpath: exporting: writing nodes.csv',
      'blastpath: exporting: writing relationships.csv',
      'blastpath: exporting: writing schema.cypher',
    ]);
  });
});
