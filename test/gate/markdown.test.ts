import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analyze/finding.js';
import { applyGate, baselineEntry } from '../../src/gate/index.js';
import { renderReport } from '../../src/report/index.js';
import { MARKDOWN_DETAIL_LIMIT } from '../../src/report/markdown.js';
import { demoAnalyzed, demoContext } from './contexts.js';

/** GitHub refuses comments longer than this many characters. */
const GITHUB_COMMENT_LIMIT = 65_536;

const headings = (text: string) => text.split('\n').filter((l) => l.startsWith('#### '));
const idOf = (heading: string, text: string) => {
  const after = text.slice(text.indexOf(heading));
  return /`(bp-[0-9a-f]{16})`/.exec(after)?.[1];
};

describe('markdown report (pull-request comment)', () => {
  it('puts the new paths first, most severe first, each with its hops and the fix', async () => {
    const { result } = await demoAnalyzed();
    const critical = result.findings.filter((f) => f.severity === 'critical');
    const known = result.findings.filter((f) => f.severity !== 'critical' && f.entry.entryPoint !== 'lambda-function-url-public');
    const gate = applyGate(result, { today: '2026-11-02', failOn: 'critical', baseline: { file: '.blastpath/baseline.json', findings: known.map(baselineEntry) } });
    const text = renderReport('markdown', await demoContext(gate));

    const detailed = headings(text).map((h) => idOf(h, text));
    const fresh = result.findings.filter((f) => !known.includes(f));
    expect(detailed).toEqual(fresh.map((f) => f.id));
    expect(detailed.slice(0, critical.length).sort()).toEqual(critical.map((f) => f.id).sort());
    expect(text).toContain(`**Gate failed**: ${critical.length} ${critical.length === 1 ? 'finding' : 'findings'} at or above critical`);
    expect(text).toContain(`| \`.blastpath/baseline.json\` | ${fresh.length} | 0 | ${known.length} | 0 | 0 |`);
    expect(text).toContain(`### Still open (in the baseline) (${known.length})`);
    // The vendor takeover (second by raw score, after the five-year-old key): its statements are
    // named, and the fix comes from the rule files.
    const first = fresh.find((f) => f.entry.entryPoint === 'role-trusts-external-account')!;
    const at = headings(text).findIndex((h) => idOf(h, text) === first.id);
    const section = text.slice(text.indexOf(headings(text)[at]!), text.indexOf(headings(text)[at + 1]!));
    expect(section).toContain('**Fix**');
    const ctx = await demoContext();
    const advice = (id: string) => ctx.rules!.find((d) => d.id === id)!.remediation.slice(0, 40);
    // The vendor takeover: the statement to change first, then the advice of the rule that decides
    // the path and of its entry point; the plumbing hop (assuming the vendor role) adds nothing.
    expect(first.techniques).toEqual(['sts-assume-role', 'sagemaker-presigned-notebook-url', 'iam-put-role-policy-self']);
    expect(section).toContain('- Scope statement `SelfServiceBucketAccess` of inline policy `research` on role `acme-notebook-exec-role`: closes 1 path.');
    for (const id of [first.entry.entryPoint, 'iam-put-role-policy-self']) expect(section).toContain(advice(id));
    for (const id of ['sts-assume-role', 'sagemaker-presigned-notebook-url']) expect(section).not.toContain(advice(id));
    expect(section).toMatch(/root cause `rc-[0-9a-f]{16}`: Escalation iam-put-role-policy-self: role `acme-notebook-exec-role` → `admin of acme-ml-prod`/);
    for (const edge of first.path.edges) for (const p of edge.provenance) expect(section).toContain(p.policy);
  });

  it('lists suppressed findings with their reason and expired suppressions with their date', async () => {
    const { result } = await demoAnalyzed();
    const [a] = result.findings;
    const gate = applyGate(result, {
      today: '2026-11-02',
      suppressions: {
        file: '.blastpath.yaml',
        suppressions: [
          { index: 0, match: { by: 'finding', value: a!.id }, reason: 'vendor offboarding SEC-77', expires: '2026-12-31' },
          { index: 1, match: { by: 'technique', value: 'iam-create-access-key' }, reason: 'old exception', expires: '2026-01-31' },
        ],
      },
    });
    const text = renderReport('markdown', await demoContext(gate));
    expect(text).toContain('### Suppressed (1)');
    expect(text).toContain('vendor offboarding SEC-77 (until 2026-12-31)');
    expect(text).toContain('- expired 2026-01-31: suppressions[1] technique `iam-create-access-key`: old exception');
  });

  it('stays under the GitHub comment limit for thousands of findings, and counts what it leaves out', async () => {
    const { result } = await demoAnalyzed();
    const many: Finding[] = Array.from({ length: 3000 }, (_, i) => {
      const f = result.findings[i % result.findings.length]!;
      return { ...f, id: `bp-${i.toString(16).padStart(16, '0')}` };
    });
    const ctx = await demoContext();
    const text = renderReport('markdown', { ...ctx, result: { ...result, findings: many, rootCauses: [] } });
    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(headings(text)).toHaveLength(MARKDOWN_DETAIL_LIMIT);
    expect(text).toContain(`…and ${3000 - MARKDOWN_DETAIL_LIMIT - 50} more findings`);
  });
});
