/**
 * The HTML page as text: self-contained (viz.js inlined byte for byte, a CSP that forbids any
 * fetch, no external reference) and safe with hostile names from the account (they never
 * become markup). Behaviour in a browser is tested in html-browser.test.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReportTools, renderReport } from '../../src/report/index.js';
import { SCENARIOS } from './results.js';

const hostile = '</script><img src=x onerror=alert(1)>"\'&';

describe('HTML report', () => {
  it('inlines the viz.js browser bundle unchanged and fetches nothing', async () => {
    const html = renderReport('html', { ...SCENARIOS.demo(), color: false, tools: await loadReportTools('html') });
    const bundle = readFileSync(join(dirname(createRequire(import.meta.url).resolve('@viz-js/viz')), 'viz-global.js'), 'utf8');
    expect(html.includes(bundle)).toBe(true);
    expect(html).toContain(`content="default-src 'none';`);
    const withoutBundle = html.replace(bundle, '');
    expect(withoutBundle).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=/i);
    expect(withoutBundle).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('escapes names from the snapshot in markup and in the data block', async () => {
    const scenario = SCENARIOS.demo();
    const f = scenario.result.findings[0]!;
    const findings = [{ ...f, entry: { ...f.entry, label: hostile }, target: { ...f.target, label: hostile }, path: { ...f.path, nodes: f.path.nodes.map((n) => ({ ...n, label: hostile })) } }];
    const gaps = [{ accountId: '111122223333', service: 's3', operation: 'GetBucketPolicy', outcome: 'denied' as const, resource: hostile, message: hostile }];
    const html = renderReport('html', { ...scenario, result: { ...scenario.result, findings, gaps }, color: false, tools: { vizBrowserBundle: '' } });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    const data = html.slice(html.indexOf('id="bp-data">') + 13, html.indexOf('</script>', html.indexOf('id="bp-data">')));
    expect(JSON.parse(data).findings[0].entry).toBe(hostile);
  });
});
