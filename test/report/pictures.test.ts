/**
 * Pictures (dot, mermaid, svg, the Markdown's Mermaid blocks) and the `--top` / `--finding`
 * selection, on the real demo: the drawn nodes and hops are exactly those of the selected
 * findings' paths.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { loadReportTools, renderReport, selectFindings } from '../../src/report/index.js';
import { PICTURE_DEFAULT_LIMIT, pictureOf } from '../../src/report/picture.js';
import { runCli } from '../cli/helpers.js';
import { demoAnalyzed, demoContext } from '../gate/contexts.js';

/** The quoted node ids a DOT text declares (lines `  "id" [label=...]`). */
function dotNodeIds(dot: string): string[] {
  return [...dot.matchAll(/^ {2}"((?:[^"\\]|\\.)*)" \[label=/gm)].map((m) => m[1]!).sort();
}

/** `from|to` of every DOT edge line. */
function dotEdges(dot: string): string[] {
  return [...dot.matchAll(/^ {2}"((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)"/gm)].map((m) => `${m[1]}|${m[2]}`).sort();
}

describe('path pictures', () => {
  it('draw the union of the selected paths: every node and hop, nothing else', async () => {
    const { result } = await demoAnalyzed();
    const top = result.findings.slice(0, 3);
    const picture = pictureOf(top);
    expect(picture.nodes.map((n) => n.id).sort()).toEqual([...new Set(top.flatMap((f) => f.path.nodes.map((n) => n.id)))].sort());
    const dot = renderReport('dot', { ...(await demoContext()), result: selectFindings(result, { top: 3 }) });
    expect(dotNodeIds(dot)).toEqual(picture.nodes.map((n) => n.id).sort());
    expect(dotEdges(dot)).toEqual([...new Set(top.flatMap((f) => f.path.edges.map((e) => `${e.from}|${e.to}`)))].sort());
    // Entries and targets keep their roles; each target carries its worst finding's severity.
    for (const f of top) {
      expect(picture.nodes.find((n) => n.id === f.entry.node)?.role).toBe('entry');
      expect(picture.nodes.find((n) => n.id === f.target.node)?.severity).toBeDefined();
    }
  });

  it(`draw at most ${PICTURE_DEFAULT_LIMIT} findings unless --top or --finding says otherwise`, async () => {
    const { result } = await demoAnalyzed();
    expect(result.findings.length).toBeGreaterThan(PICTURE_DEFAULT_LIMIT);
    const dot = renderReport('dot', await demoContext());
    expect(dotNodeIds(dot)).toEqual(pictureOf(result.findings.slice(0, PICTURE_DEFAULT_LIMIT)).nodes.map((n) => n.id).sort());
    expect(dot).toContain(`${result.findings.length - PICTURE_DEFAULT_LIMIT} more not drawn`);
  });

  it('Mermaid has one node line per node, quoted labels without raw quotes, and every hop', async () => {
    const { result } = await demoAnalyzed();
    const f = result.findings[0]!;
    const text = renderReport('mermaid', { ...(await demoContext()), result: selectFindings(result, { findings: [f.id] }) });
    const nodeLines = text.split('\n').filter((l) => /^ {2}n\d+[([{]/.test(l));
    expect(nodeLines).toHaveLength(f.path.nodes.length);
    const hopLines = text.split('\n').filter((l) => /^ {2}n\d+ (-->|==>|-\.->)\|"[^"]*"\| n\d+$/.test(l));
    expect(hopLines).toHaveLength(f.path.edges.length);
  });

  it('SVG is laid out by WebAssembly Graphviz: one node group per path node', async () => {
    const { result } = await demoAnalyzed();
    const f = result.findings[1]!;
    const svg = renderReport('svg', { ...(await demoContext()), result: selectFindings(result, { findings: [f.id] }), tools: await loadReportTools('svg') });
    expect(svg).toMatch(/^<\?xml[^]*<svg [^]*<\/svg>\s*$/);
    expect(svg.match(/<g id="node\d+" class="node">/g)).toHaveLength(f.path.nodes.length);
    expect(svg.match(/<g id="edge\d+" class="edge">/g)).toHaveLength(f.path.edges.length);
    expect(svg).not.toMatch(/<script|href="http/);
  });

  it('the Markdown report embeds one Mermaid block per detailed finding', async () => {
    const md = renderReport('markdown', await demoContext());
    const detailed = [...md.matchAll(/^#### /gm)].length;
    expect(detailed).toBeGreaterThan(0);
    expect([...md.matchAll(/^```mermaid$/gm)].length).toBe(detailed);
  });
});

describe('finding selection', () => {
  it('keeps the top N in score order and narrows root causes to them', async () => {
    const { result } = await demoAnalyzed();
    const shown = selectFindings(result, { top: 4 });
    expect(shown.findings.map((f) => f.id)).toEqual(result.findings.slice(0, 4).map((f) => f.id));
    const kept = new Set(shown.findings.map((f) => f.id));
    expect(shown.rootCauses?.flatMap((c) => c.findings).every((id) => kept.has(id))).toBe(true);
    expect(new Set(shown.rootCauses?.flatMap((c) => c.findings))).toEqual(kept);
  });

  it('keeps the named findings and rejects an id the analysis did not produce', async () => {
    const { result } = await demoAnalyzed();
    const ids = [result.findings[5]!.id, result.findings[2]!.id];
    expect(selectFindings(result, { findings: ids }).findings.map((f) => f.id)).toEqual([result.findings[2]!.id, result.findings[5]!.id]);
    expect(() => selectFindings(result, { findings: ['bp-0000000000000000'] })).toThrow(InputError);
  });

  it('applies in the CLI to every format; bad values are usage errors', async () => {
    const { result } = await demoAnalyzed();
    const id = result.findings[3]!.id;
    const json = await runCli(['analyze', 'fixtures/demo', '--format', 'json', '--finding', id]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).findings.map((f: { id: string }) => f.id)).toEqual([id]);
    const dot = await runCli(['analyze', 'fixtures/demo', '--format', 'dot', '--top', '2']);
    expect(dotNodeIds(dot.stdout)).toEqual(pictureOf(result.findings.slice(0, 2)).nodes.map((n) => n.id).sort());
    const unknown = await runCli(['analyze', 'fixtures/demo', '--finding', 'bp-0000000000000000']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^blastpath: --finding bp-0000000000000000: no finding with this id/);
    expect((await runCli(['analyze', 'fixtures/demo', '--top', '0'])).code).toBe(2);
    expect((await runCli(['analyze', 'fixtures/demo', '--finding', 'nope'])).code).toBe(2);
  });
});
