/**
 * Every Mermaid text blastpath writes, rendered by the real Mermaid library in real headless
 * Chromium (see mermaid-render.ts): `--format mermaid` (the default top findings and each
 * finding alone), the blocks embedded in the Markdown report, and `blastpath radius --format
 * mermaid` for every demo entry; plus a finding and a radius whose names hold characters Mermaid
 * treats specially. Each block must parse and render an SVG with exactly the expected nodes, hop
 * labels and subgraphs, their text reading as the names do (no entity code or markup left over).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analyze/finding.js';
import { radiusOf, type RadiusResult } from '../../src/analyze/radius.js';
import { buildGraph } from '../../src/graph/index.js';
import { loadInputs } from '../../src/load/index.js';
import { renderReport, selectFindings, type ReportContext } from '../../src/report/index.js';
import { hopLines, nodeLines, pictureFindings, pictureOf, type Picture } from '../../src/report/picture.js';
import { renderRadius } from '../../src/report/radius.js';
import { loadRules } from '../../src/rules/index.js';
import { demoContext } from '../gate/contexts.js';
import type { BrowserSession } from './browser.js';
import { openMermaidPage, renderMermaid, type MermaidBlock, type MermaidRendering } from './mermaid-render.js';

/** Names with what Mermaid's flowchart grammar, its entity codes, HTML and Markdown give meaning to. */
const NASTY = [
  'say "hi" [sq] {curly} (round) <b>bold</b> |pipe| #35; #hash',
  'amp &amp; & ; semicolon %% not-a-comment `tick` \\back\\slash',
  'ünïcödé 日本語 🔥 --> arrow ::: class end',
  '<br/> a-line-break-that-is-text <script>alert(1)</script>',
];

/** What a reader sees: the lines of a label run together, whitespace collapsed. */
const seen = (lines: readonly string[]) => lines.join('').replace(/\s+/g, ' ').trim();
const sorted = (values: readonly string[]) => [...values].sort();

/** The node texts and hop labels a picture must render as. */
function expectedPicture(picture: Picture) {
  return { nodes: sorted(picture.nodes.map((n) => seen(nodeLines(n)))), edgeLabels: sorted(picture.edges.map((e) => seen(hopLines(e)))), clusters: [] as string[] };
}

/** The node texts, hop labels and subgraph titles a radius Mermaid must render as. */
function expectedRadius(radius: RadiusResult) {
  const labels = new Map<string, string>([[radius.from.node, `${radius.from.label} (${radius.from.kind})`]]);
  for (const item of radius.reached) if (!labels.has(item.node)) labels.set(item.node, item.label);
  const links = new Set(radius.reached.map((item) => `${item.viaAdmin ?? radius.from.node} ${item.node} ${item.viaAdmin ? item.access : `${item.access}, ${item.path.length} hops`}`));
  const accounts = new Set(radius.reached.map((r) => r.accountId ?? '(no account)'));
  const impacts = new Set(radius.reached.map((r) => `${r.accountId} ${r.impact}`));
  return {
    nodes: sorted([...labels.values()].map((l) => seen([l]))),
    edgeLabels: sorted([...links].map((l) => seen([l.split(' ').slice(2).join(' ')]))),
    clusterCount: accounts.size + impacts.size,
  };
}

/** The finding with every name replaced by a nasty one (labels, Sids), same path shape. */
function nastyFinding(f: Finding): Finding {
  const copy = structuredClone(f);
  copy.path.nodes.forEach((node, i) => (node.label = `${NASTY[i % NASTY.length]} ${i}`));
  copy.entry.label = copy.path.nodes[0]!.label;
  copy.target.label = copy.path.nodes[copy.path.nodes.length - 1]!.label;
  copy.path.edges.forEach((edge, i) => edge.provenance.forEach((p) => (p.sid = `${NASTY[(i + 1) % NASTY.length]}`)));
  return copy;
}

function nastyRadius(radius: RadiusResult): RadiusResult {
  const copy = structuredClone(radius);
  copy.from.label = NASTY[0]!;
  // One name per node: a node reached with several access levels keeps one label.
  const index = new Map([...new Set(copy.reached.map((item) => item.node))].map((node, i) => [node, i]));
  copy.reached.forEach((item) => {
    const i = index.get(item.node)!;
    item.label = `${NASTY[(i + 1) % NASTY.length]} ${i}`;
    item.impact = `${item.impact} [#"|${i % 2}|"]`;
  });
  return copy;
}

let session: BrowserSession;
let ctx: ReportContext;
let findings: Finding[];
const radii = new Map<string, RadiusResult>();
const rendered = new Map<string, MermaidRendering>();

async function renderAll(blocks: MermaidBlock[]): Promise<void> {
  for (const r of await renderMermaid(session, blocks)) rendered.set(r.name, r);
}

const mermaidBlocks = (markdown: string) => [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

beforeAll(async () => {
  ctx = await demoContext();
  findings = ctx.result.findings;
  const rules = loadRules();
  const built = buildGraph(await loadInputs(['fixtures/demo']), rules);
  for (const node of new Set(built.entries.map((e) => e.node))) radii.set(node, radiusOf(built, rules, node));
  session = await openMermaidPage();
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('Mermaid output rendered by Mermaid in headless Chromium', () => {
  it('--format mermaid: the default top findings and every finding alone', async () => {
    const only = (f: Finding) => renderReport('mermaid', { ...ctx, result: selectFindings(ctx.result, { findings: [f.id] }) });
    await renderAll([{ name: 'top', text: renderReport('mermaid', ctx) }, ...findings.map((f) => ({ name: `finding ${f.id}`, text: only(f) }))]);
    const top = rendered.get('top')!;
    expect(top.error).toBeUndefined();
    expect({ nodes: sorted(top.nodes), edgeLabels: sorted(top.edgeLabels), clusters: top.clusters }).toEqual(expectedPicture(pictureOf(pictureFindings(findings).drawn)));
    for (const f of findings) {
      const r = rendered.get(`finding ${f.id}`)!;
      expect(r.error, r.name).toBeUndefined();
      expect({ nodes: sorted(r.nodes), edgeLabels: sorted(r.edgeLabels), clusters: r.clusters }, r.name).toEqual(expectedPicture(pictureOf([f])));
    }
  }, 120_000);

  it('every Mermaid block of the Markdown report', async () => {
    const blocks = mermaidBlocks(renderReport('markdown', ctx));
    expect(blocks.length).toBeGreaterThan(0);
    await renderAll(blocks.map((text, i) => ({ name: `markdown ${i}`, text })));
    blocks.forEach((text, i) => {
      // Each block's title comment names its finding.
      const id = /^%% ([^:]+):/.exec(text)?.[1];
      const f = findings.find((x) => x.id === id);
      expect(f, `markdown block ${i} names a finding`).toBeDefined();
      const r = rendered.get(`markdown ${i}`)!;
      expect(r.error, r.name).toBeUndefined();
      expect({ nodes: sorted(r.nodes), edgeLabels: sorted(r.edgeLabels), clusters: r.clusters }, r.name).toEqual(expectedPicture(pictureOf([f!])));
    });
  }, 120_000);

  it('blastpath radius --format mermaid for every demo entry', async () => {
    expect(radii.size).toBeGreaterThan(1);
    await renderAll([...radii].map(([node, radius]) => ({ name: `radius ${node}`, text: renderRadius('mermaid', radius) })));
    for (const [node, radius] of radii) {
      const r = rendered.get(`radius ${node}`)!;
      expect(r.error, r.name).toBeUndefined();
      const want = expectedRadius(radius);
      expect({ nodes: sorted(r.nodes), edgeLabels: sorted(r.edgeLabels), clusterCount: r.clusters.length }, r.name).toEqual(want);
    }
  }, 120_000);

  it('names with quotes, brackets, pipes, #, entity codes, markup and unicode read as written', async () => {
    const f = nastyFinding(findings.find((x) => x.path.nodes.length >= 4) ?? findings[0]!);
    const alone = { ...ctx, result: { ...ctx.result, findings: [f] } };
    const radius = nastyRadius([...radii.values()].find((r) => r.reached.some((i) => i.viaAdmin)) ?? [...radii.values()][0]!);
    const markdown = mermaidBlocks(renderReport('markdown', alone));
    expect(markdown).toHaveLength(1);
    await renderAll([
      { name: 'nasty mermaid', text: renderReport('mermaid', alone) },
      { name: 'nasty markdown', text: markdown[0]! },
      { name: 'nasty radius', text: renderRadius('mermaid', radius) },
    ]);
    for (const name of ['nasty mermaid', 'nasty markdown']) {
      const r = rendered.get(name)!;
      expect(r.error, name).toBeUndefined();
      expect({ nodes: sorted(r.nodes), edgeLabels: sorted(r.edgeLabels), clusters: r.clusters }, name).toEqual(expectedPicture(pictureOf([f])));
    }
    const r = rendered.get('nasty radius')!;
    expect(r.error).toBeUndefined();
    expect({ nodes: sorted(r.nodes), edgeLabels: sorted(r.edgeLabels), clusterCount: r.clusters.length }).toEqual(expectedRadius(radius));
    // Subgraph titles read as written too (the impact classes carry the nasty suffixes).
    expect(r.clusters.join('\n')).toContain('[#"|1|"]');
    // Every name made it into the picture, so the check above covered each of them.
    expect(NASTY.every((name) => rendered.get('nasty mermaid')!.nodes.some((n) => n.includes(name.replace(/\s+/g, ' '))))).toBe(true);
  }, 120_000);

  it('the page made no request but its own document, and logged no error', () => {
    expect(session.requests).toEqual([session.url]);
    expect(session.serverMisses).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});
