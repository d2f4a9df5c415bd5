import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { TABLE_WIDTH } from '../../src/report/table.js';
import { describeGroup, groupGaps, reasonOf } from '../../src/snapshot/index.js';
import { SCENARIOS, type ScenarioName } from './results.js';

const names = Object.keys(SCENARIOS) as ScenarioName[];
const ESC = '\u001b[';

function table(name: ScenarioName, color = false): string {
  return renderReport('table', { ...SCENARIOS[name](), color });
}

/** Text without whitespace: a needle wrapped over two rows (or split inside an ARN) still matches. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('table report', () => {
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
});
