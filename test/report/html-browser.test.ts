/**
 * The HTML report in a real headless Chromium (see browser.ts): it loads without console errors
 * and without any request but the page itself, draws every finding's path, and its filters
 * (severity, account, entry kind, impact, new/open) show exactly the findings they should.
 * A full-page screenshot is kept in test/artifacts/html-report.png (gitignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analyze/finding.js';
import { analyzeInputs, renderRun } from '../../src/pipeline.js';
import { openInChromium, type BrowserSession } from './browser.js';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

let session: BrowserSession;
let findings: Finding[];
let baselined: Set<string>;

/** Ids of the findings the filters let through, read page by page from the table. */
async function shownIds(): Promise<string[]> {
  const { page } = session;
  const ids: string[] = [];
  for (;;) {
    ids.push(...(await page.locator('tr.finding-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-finding') ?? ''))));
    if (await page.locator('#next').isDisabled()) break;
    await page.locator('#next').click();
  }
  return ids.sort();
}

async function resetFilters(): Promise<void> {
  const { page } = session;
  for (const box of await page.locator('input[name="severity"]').all()) await box.check();
  for (const id of ['#f-account', '#f-entry', '#f-impact', '#f-status']) await page.selectOption(id, '');
}

const idsOf = (list: Finding[]) => list.map((f) => f.id).sort();
const accountsOf = (f: Finding) => new Set(f.path.nodes.flatMap((n) => (n.accountId ? [n.accountId] : [])));

beforeAll(async () => {
  const analyzed = await analyzeInputs({ inputs: ['fixtures/demo'] });
  findings = analyzed.result.findings;
  // A baseline of every third finding, so `open` and `new` both have members.
  const known = findings.filter((_, i) => i % 3 === 0);
  baselined = new Set(known.map((f) => f.id));
  const baseline = {
    file: 'baseline.json',
    findings: known.map((f) => ({ id: f.id, severity: f.severity, entry: f.entry.node, entryPoint: f.entry.entryPoint, target: f.target.node, impact: f.target.impact })),
  };
  const run = await renderRun(analyzed, { format: 'html', color: false, gate: { baseline, today: '2026-11-02' } });
  session = await openInChromium(run.output);
  await session.page.waitForSelector('body[data-ready="true"]');
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('HTML report in headless Chromium', () => {
  it('draws the path of every finding, page by page, and keeps a screenshot', async () => {
    const { page } = session;
    const drawn = new Set<string>();
    let firstPage = true;
    for (;;) {
      // A string, evaluated in the page: the test's TypeScript has no DOM types.
      await page.waitForFunction(`[...document.querySelectorAll('div.drawing')].every((d) => d.getAttribute('data-state') === 'drawn')`, null, { timeout: 30_000 });
      const onPage = await page.locator('div.drawing').evaluateAll((boxes) =>
        boxes.filter((b) => b.querySelector('svg g.node') && b.querySelector('svg g.edge')).map((b) => b.getAttribute('data-finding') ?? ''),
      );
      onPage.forEach((id) => drawn.add(id));
      if (firstPage) {
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
        firstPage = false;
      }
      if (await page.locator('#next').isDisabled()) break;
      await page.locator('#next').click();
    }
    expect([...drawn].sort()).toEqual(idsOf(findings));
    // Each drawing has one node per path node of its finding.
    const first = findings[0]!;
    await resetFilters();
    const nodes = await page.locator(`div.drawing[data-finding="${first.id}"] svg g.node`).count();
    expect(nodes).toBe(first.path.nodes.length);
  }, 90_000);

  it('filters by severity', async () => {
    await resetFilters();
    await session.page.locator('input[name="severity"][value="high"]').uncheck();
    expect(await shownIds()).toEqual(idsOf(findings.filter((f) => f.severity !== 'high')));
  });

  it('filters by account', async () => {
    await resetFilters();
    await session.page.selectOption('#f-account', '222222222222');
    const expected = idsOf(findings.filter((f) => accountsOf(f).has('222222222222')));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(findings.length);
    expect(await shownIds()).toEqual(expected);
  });

  it('filters by entry kind and by impact', async () => {
    await resetFilters();
    const entry = findings[0]!.entry.entryPoint;
    await session.page.selectOption('#f-entry', entry);
    expect(await shownIds()).toEqual(idsOf(findings.filter((f) => f.entry.entryPoint === entry)));
    await resetFilters();
    const impact = findings[findings.length - 1]!.target.impact;
    await session.page.selectOption('#f-impact', impact);
    expect(await shownIds()).toEqual(idsOf(findings.filter((f) => f.target.impact === impact)));
  });

  it('filters new and open findings against the baseline', async () => {
    await resetFilters();
    await session.page.selectOption('#f-status', 'open');
    expect(await shownIds()).toEqual([...baselined].sort());
    await session.page.selectOption('#f-status', 'new');
    expect(await shownIds()).toEqual(idsOf(findings.filter((f) => !baselined.has(f.id))));
  });

  it('made no request but the page itself and logged no error', () => {
    expect(session.requests).toEqual([session.url]);
    expect(session.serverMisses).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});
