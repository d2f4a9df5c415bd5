/**
 * Renders Mermaid text with the real Mermaid library (the `mermaid` package's standalone
 * bundle, read from node_modules and injected into the page, so nothing is fetched) in the same
 * real headless Chromium as the HTML report test. Each block is parsed, then rendered to SVG;
 * what comes back is what a reader would see: the text of each node and each hop label.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openInChromium, type BrowserSession } from './browser.js';

/** A Mermaid text to render, with a name for failure messages. */
export interface MermaidBlock {
  name: string;
  text: string;
}

/** What Mermaid made of one block: the error it threw, or the drawn nodes and hop labels. */
export interface MermaidRendering {
  name: string;
  error?: string;
  /** The text of every `g.node` of the SVG (one per flowchart node), whitespace collapsed. */
  nodes: string[];
  /** The text of every hop label, whitespace collapsed. */
  edgeLabels: string[];
  /** Subgraph titles. */
  clusters: string[];
}

const BUNDLE = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

// Evaluated in the page (the test's TypeScript has no DOM types). mermaid.parse throws on a
// syntax error; mermaid.render throws too, and would otherwise draw its error picture.
const RENDER_ALL = `async (blocks) => {
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim();
  const out = [];
  for (const [i, block] of blocks.entries()) {
    try {
      await mermaid.parse(block.text);
      const { svg } = await mermaid.render('mermaid-' + i, block.text);
      const box = document.createElement('div');
      box.innerHTML = svg;
      document.body.appendChild(box);
      out.push({
        name: block.name,
        nodes: [...box.querySelectorAll('g.node')].map(text),
        edgeLabels: [...box.querySelectorAll('g.edgeLabel')].map(text).filter((t) => t !== ''),
        clusters: [...box.querySelectorAll('g.cluster')].map(text),
      });
      box.remove();
    } catch (error) {
      out.push({ name: block.name, error: String((error && error.message) || error), nodes: [], edgeLabels: [], clusters: [] });
    }
  }
  return out;
}`;

/** Opens Chromium on an empty loopback page with Mermaid loaded into it. */
export async function openMermaidPage(): Promise<BrowserSession> {
  const session = await openInChromium('<!doctype html><html><head><meta charset="utf-8"><title>mermaid</title><link rel="icon" href="data:,"></head><body></body></html>');
  try {
    // Injected through the DevTools protocol: no request, and no inline `</script>` hazard.
    await session.page.addScriptTag({ content: readFileSync(BUNDLE, 'utf8') });
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** Parses and renders every block in the page, in order. */
export async function renderMermaid(session: BrowserSession, blocks: readonly MermaidBlock[]): Promise<MermaidRendering[]> {
  return (await session.page.evaluate(`(${RENDER_ALL})(${JSON.stringify(blocks)})`)) as MermaidRendering[];
}
