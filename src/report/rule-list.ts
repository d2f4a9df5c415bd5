/** Renderers of `blastpath rules list` and `blastpath rules test`: table, JSON and Markdown. */
import type { RuleSet, TechniqueRule } from '../rules/index.js';

/** Formats of `rules list`; `markdown` is the page docs/techniques.md holds. */
export const LIST_FORMATS = ['table', 'json', 'markdown'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** The fields `rules list --format json` writes per technique, in this order. */
export function techniqueSummary(rule: TechniqueRule) {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    relation: rule.relation,
    confidence: rule.confidence,
    deferred: rule.deferred,
    deprecated: rule.deprecated,
    attack: rule.attack,
    owaspNhi: rule.owaspNhi,
    aliases: rule.aliases,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

function markdown(rules: RuleSet): string {
  const escape = (text: string) => text.replaceAll('|', '\\|');
  const lines = [
    '# Technique catalogue',
    '',
    'Every escalation technique blastpath draws, generated from `rules/techniques/` by',
    '`blastpath rules list --format markdown` (a test keeps this page in step with the rules). Each',
    'id is a file `rules/techniques/<id>.yaml` with the full description, evidence and remediation,',
    'and a vulnerable/safe fixture pair in `fixtures/rules/<id>/`. `rules/README.md` explains the',
    'fields and maps every row of the research catalogue to these ids.',
    '',
    `${rules.techniques.length} techniques; confidence \`derived\` marks the ones \`analyze --no-derived\` leaves out.`,
    '',
    '| Id | Title | Severity | Relation | Confidence | ATT&CK | OWASP NHI | Aliases |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rules.techniques) {
    const confidence = r.confidence + (r.deferred ? ', deferred' : '') + (r.deprecated ? ', deprecated' : '');
    const cells = [`\`${r.id}\``, escape(r.title), r.severity, r.relation, confidence, r.attack.join(', '), r.owaspNhi.join(', '), r.aliases.join(', ')];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The registry of `rules list` formats: one renderer per format. */
const LIST_RENDERERS = {
  table: (rules) => `${table([['ID', 'SEVERITY', 'CONFIDENCE', 'TITLE', 'ALIASES'], ...rules.techniques.map((r) => [r.id, r.severity, r.confidence, r.title, r.aliases.join(', ')])])}\n`,
  json: (rules) => `${JSON.stringify({ techniques: rules.techniques.map(techniqueSummary) }, null, 2)}\n`,
  markdown,
} satisfies Record<ListFormat, (rules: RuleSet) => string>;

/** The technique list in the chosen format, ending with a newline. */
export function renderRuleList(rules: RuleSet, format: ListFormat): string {
  return LIST_RENDERERS[format](rules);
}

/** One line per technique (`pass` / `FAIL` and why), then a summary line. */
export function renderProofs(results: Array<{ id: string; problems: string[] }>): string {
  const lines = results.flatMap((r) => (r.problems.length ? [`FAIL ${r.id}`, ...r.problems.map((p) => `     ${p}`)] : [`pass ${r.id}`]));
  const failed = results.filter((r) => r.problems.length).length;
  lines.push('', `${results.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}
