import { describe, expect, it } from 'vitest';
import { applyGate } from '../../src/gate/index.js';
import { renderReport, type ReportContext } from '../../src/report/index.js';
import { TABLE_WIDTH } from '../../src/report/table.js';
import { describeGroup, groupGaps, reasonOf } from '../../src/snapshot/index.js';
import { SCENARIOS, type ScenarioName } from './results.js';

const names = Object.keys(SCENARIOS) as ScenarioName[];
const ESC = '\u001b[';

function table(name: ScenarioName, color = false, details = true): string {
  return renderReport('table', { ...SCENARIOS[name](), color, details });
}

/** Text without whitespace: a needle wrapped over two rows (or split inside an ARN) still matches. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('table report, details', () => {
  it.each(names)('%s: plain output has no ANSI escapes, colored output has them', (name) => {
    expect(table(name)).not.toContain(ESC);
    expect(table(name, true)).toContain(ESC);
  });

  it.each(names)('%s: colored output is the plain output plus escapes only', (name) => {
    expect(table(name, true).replace(/\u001b\[[0-9;]*m/g, '')).toBe(table(name));
  });

  it.each(names)(`%s: rows fit in ${TABLE_WIDTH} columns and never end in spaces`, (name) => {
    for (const row of table(name).split('\n')) {
      expect(row.length).toBeLessThanOrEqual(TABLE_WIDTH);
      expect(row).toBe(row.trimEnd());
    }
  });

  it.each(names)('%s: shows every finding id, hop, technique, action and statement', (name) => {
    const { result } = SCENARIOS[name]();
    const text = squash(table(name));
    for (const f of result.findings) {
      expect(text).toContain(squash(f.id));
      for (const t of f.techniques) expect(text).toContain(squash(t));
      for (const e of f.path.edges) {
        expect(text).toContain(squash(`──[${e.kind === 'data-access' ? e.access : e.kind}`));
        for (const named of [e.technique, e.entryPoint, ...e.actions, ...(e.residual ?? [])]) if (named) expect(text).toContain(squash(named));
        for (const p of e.provenance) {
          expect(text).toContain(squash(p.policy));
          if (p.sid) expect(text).toContain(squash(`"${p.sid}"`));
          if (p.statementIndex !== undefined) expect(text).toContain(`statement${p.statementIndex}`);
        }
      }
      for (const n of f.path.nodes) expect(text).toContain(squash(n.label));
      for (const key of f.residualConditions) expect(text).toContain(squash(key));
    }
  });

  it.each(names)('%s: shows every cause of gaps, with its count, reason, services, accounts and regions', (name) => {
    const { result } = SCENARIOS[name]();
    const text = squash(table(name));
    const groups = groupGaps(result.gaps);
    for (const g of groups) {
      expect(text).toContain(squash(describeGroup(g)));
      for (const field of [...g.accounts, ...g.regions]) expect(text).toContain(squash(field));
    }
    // Every gap is counted in exactly one group, and every gap's reason and service are named.
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(result.gaps.length);
    for (const g of result.gaps) {
      expect(text).toContain(squash(reasonOf(g)!));
      expect(text).toContain(squash(g.service));
    }
    if (result.gaps.length === 0) expect(table(name)).toContain('Coverage gaps: none');
  });

  it('lists findings highest score first', () => {
    const text = table('conditional');
    const at = ['bp-9a5c3e1f0d7b4826', 'bp-2b6f18d0ac47e935', 'bp-e41d07c3b95a2f68'].map((id) => text.indexOf(id));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('says plainly when nothing was found, and still prints the gaps', () => {
    const text = table('empty');
    expect(text).toMatch(/^No attack paths found/m);
    expect(text).toContain('Coverage gaps (3)');
    expect(text.indexOf('No attack paths found')).toBeLessThan(text.indexOf('Coverage gaps (3)'));
  });

  it.each([
    ['demo', true],
    ['conditional', false],
    ['empty', false],
  ] as const)('%s: search limits line only when a cap was hit (%s)', (name, shown) => {
    expect(table(name).includes('Search limits:')).toBe(shown);
  });

  it('marks conditional hops and findings, and assumed entries', () => {
    const text = table('conditional');
    expect(text).toMatch(/──\[escalation iam-create-access-key: iam:CreateAccessKey, conditional\]──▶/);
    expect(text).toMatch(/^ {2}conditional +.*aws:resourcetag\/team/m);
    expect(text).toContain('open condition: StringEquals aws:ResourceTag/team ml-platform');
    expect(text).toContain('assumed:');
    expect(table('demo')).not.toMatch(/^ {2}conditional /m);
  });

  it('explains hops from their fields', () => {
    const text = table('demo');
    expect(text).toContain('──[exposure lambda-function-url-public: lambda:InvokeFunctionUrl, AuthType=NONE]──▶');
    expect(text).toContain('──[runs-as]──▶ acme-chat-exec (role, 111122223333)');
    expect(text).toContain('──[read: s3:GetObject]──▶ acme-training-data (bucket, 111122223333)');
    expect(text).toContain('via policy arn:aws:iam::111122223333:policy/acme-chat-deployer statement 1');
    expect(text).toContain('via configuration of arn:aws:lambda:us-east-1:111122223333:function:acme-chat-api field Role');
  });

  it('shows the header: accounts, snapshot time and counts by severity', () => {
    const [first, second, third] = table('demo').split('\n');
    expect(first).toContain('2025-01-15T10:00:00Z');
    expect(second).toContain('accounts 111122223333');
    expect(third).toBe('2 findings: 1 critical, 1 high, 0 medium, 0 low · 2 coverage gaps');
  });

  it('gives each finding its root cause with what it is, the fix first, the ticket key and owners', () => {
    const text = squash(table('demo'));
    expect(text).toContain(squash('root cause Exposure lambda-function-url-public: internet → function acme-chat-api (rc-'));
    expect(text).toContain(squash('fix Change field FunctionUrlConfig.AuthType of function acme-chat-api: closes 2 paths.'));
    expect(text).toMatch(/tickettk-[0-9a-f]{16}/);
  });
});

describe('table report, summary (the default view)', () => {
  const summary = (name: ScenarioName, extra: Partial<ReportContext> = {}) => renderReport('table', { ...SCENARIOS[name](), color: false, ...extra });

  it.each(names)('%s: one row per finding with severity, score, target, deciding rule and account; no paths', (name) => {
    const { result } = SCENARIOS[name]();
    const text = summary(name);
    expect(text).not.toContain('──[');
    for (const f of result.findings) {
      const row = text.split('\n').find((r) => r.includes(`→ ${f.target.label}`) && r.includes(String(Math.round(f.score))));
      expect(row, f.id).toBeDefined();
      expect(row).toMatch(new RegExp(`^ {2}${f.severity.toUpperCase()} +${Math.round(f.score)} → `));
      expect(row).toContain(f.path.nodes.find((n) => n.id === f.target.node)?.accountId ?? '-');
    }
  });

  it('files a finding under the rule of its root cause', () => {
    // Both paths go through the public function URL: one root cause, the entry point's rule.
    const rows = summary('demo').split('\n').filter((r) => r.includes(' → '));
    expect(rows.filter((r) => r.includes('lambda-function-url-public 111122223333'))).toHaveLength(2);
  });

  it('groups findings under the door they come through, best group first', () => {
    const lines = summary('conditional').split('\n');
    const header = lines.findIndex((l) => l.startsWith('internet → notebook-ci · iam-user-access-key'));
    expect(header).toBeGreaterThan(0);
    expect(lines[header]).toContain('· assumed');
    expect(lines.slice(header + 1, header + 3).every((l) => /^ {2}MEDIUM +43 → /.test(l))).toBe(true);
    expect(lines.findIndex((l) => l.startsWith('token.actions.githubusercontent.com'))).toBeLessThan(header);
  });

  it('lists the root causes to fix first, each with what it closes', () => {
    const text = summary('demo');
    expect(text).toMatch(/^Fix first: 1 root cause behind 2 findings$/m);
    expect(squash(text)).toContain(squash('CRITICAL change field FunctionUrlConfig.AuthType of function acme-chat-api: closes 2 paths (rc-'));
  });

  it.each([60, 80, 100, 160])('lays rows out in %i columns without cutting an identifier', (width) => {
    const text = summary('demo', { width, details: true });
    for (const row of text.split('\n')) expect(row.length).toBeLessThanOrEqual(width);
    for (const f of SCENARIOS.demo().result.findings) for (const e of f.path.edges) for (const p of e.provenance) expect(squash(text)).toContain(squash(p.policy));
  });

  it('uses the width it is given: a wide terminal wraps less', () => {
    const rows = (width: number) => summary('demo', { width, details: true }).split('\n').length;
    expect(rows(160)).toBeLessThan(rows(80));
    expect(rows(40)).toBe(rows(60));
  });

  it('is much shorter than the details, which it leads', () => {
    const short = summary('demo');
    const long = summary('demo', { details: true });
    expect(long.startsWith(short.slice(0, short.indexOf('Each path and its fix')))).toBe(true);
    expect(short.split('\n').length).toBeLessThan(long.split('\n').length / 2);
  });

  it('marks suppressed, new and worsened findings', () => {
    const ctx = SCENARIOS.conditional();
    const [oidc, key] = ['bp-9a5c3e1f0d7b4826', 'bp-e41d07c3b95a2f68'].map((id) => ctx.result.findings.find((f) => f.id === id)!);
    const gate = applyGate(ctx.result, {
      today: '2026-01-01',
      failOn: 'high',
      baseline: { file: 'b.json', findings: [{ id: oidc!.id, severity: 'medium', entry: oidc!.entry.node, entryPoint: oidc!.entry.entryPoint, target: oidc!.target.node, impact: oidc!.target.impact }] },
      suppressions: { file: 's.yaml', suppressions: [{ index: 0, match: { by: 'finding', value: key!.id }, reason: 'r', expires: '2026-06-30' }] },
    });
    const text = renderReport('table', { ...ctx, color: false, gate });
    expect(text).toMatch(/→ hf\/token .*\[suppressed until 2026-06-30\]/);
    expect(text).toMatch(/→ admin:444455556666 .*\[worsened from medium\]/);
    expect(text).toMatch(/→ acme-eval-results .*\[new\]/);
  });

  it('says how many findings the filters left, and which filters', () => {
    const ctx = SCENARIOS.conditional();
    const text = renderReport('table', { ...ctx, color: false, selectedFrom: 5, selectionFilters: ['--severity high'] });
    expect(text).toContain('3 findings shown of 5');
    expect(text).toContain('selected by --severity high');
  });
});
