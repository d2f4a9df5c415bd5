/**
 * Output of `blastpath radius`: a tree grouped by account, impact class and sensitivity (the
 * table), a versioned JSON document (`blastpath.radius/v1`), and a Mermaid flowchart. Built only
 * from the RadiusResult's fields; same result, same bytes.
 */
import type { CutStatement, RadiusItem, RadiusResult } from '../analyze/radius.js';
import { compareStrings } from '../core/hash.js';
import { mermaidText } from './mermaid.js';

export const RADIUS_SCHEMA = 'blastpath.radius/v1';

/** The formats `radius` writes. */
export const RADIUS_FORMATS = ['table', 'json', 'mermaid'] as const;
export type RadiusFormat = (typeof RADIUS_FORMATS)[number];

type Groups = Map<string, Map<string, Map<string, RadiusItem[]>>>;

/** account -> impact class -> sensitivity rules -> items, every level sorted. */
function grouped(items: readonly RadiusItem[]): Groups {
  const out: Groups = new Map();
  for (const item of items) {
    const account = item.accountId ?? '(no account)';
    const impacts = out.get(account) ?? new Map<string, Map<string, RadiusItem[]>>();
    const bySensitivity = impacts.get(item.impact) ?? new Map<string, RadiusItem[]>();
    const rules = item.sensitivity.join(', ') || '(none)';
    bySensitivity.set(rules, [...(bySensitivity.get(rules) ?? []), item]);
    impacts.set(item.impact, bySensitivity);
    out.set(account, impacts);
  }
  return out;
}

const sorted = <V>(map: Map<string, V>) => [...map.entries()].sort(([a], [b]) => compareStrings(a, b));

/** `policy statement 0 "Sid"`, or `resource field` for a credential held in configuration. */
export function statementText(s: CutStatement): string {
  if (s.policyKind === 'configuration') return `${s.policy} field ${s.field ?? ''} [configuration: remove the credential]`;
  return `${s.policy}${s.statementIndex !== undefined ? ` statement ${s.statementIndex}` : ''}${s.sid ? ` "${s.sid}"` : s.statementHash ? ` (${s.statementHash})` : ''} [${s.policyKind}]`;
}

function hopsText(item: RadiusItem): string {
  if (item.viaAdmin) return `through the takeover of ${item.viaAdmin}`;
  return item.path.map((e) => e.technique ?? e.access ?? e.entryPoint ?? e.kind).join(' → ');
}

/** The tree, for people. */
export function renderRadiusTable(result: RadiusResult): string {
  const { from } = result;
  const lines = [
    `blast radius of ${from.label} (${[from.kind, from.accountId].filter(Boolean).join(', ')}) within ${result.maxDepth} hops`,
    `${result.count} crown-jewel impact${result.count === 1 ? '' : 's'}, weighted radius ${result.weighted}`,
    '',
  ];
  if (result.count === 0) lines.push('Nothing reachable: no crown jewel within the depth cap.', '');
  const accounts = sorted(grouped(result.reached));
  accounts.forEach(([account, impacts], a) => {
    const lastAccount = a === accounts.length - 1;
    lines.push(account);
    const impactList = sorted(impacts);
    impactList.forEach(([impact, bySensitivity], i) => {
      const lastImpact = i === impactList.length - 1;
      const title = [...bySensitivity.values()][0]![0]!.impactTitle;
      lines.push(`${lastImpact ? '└─' : '├─'} ${title} (${impact})`);
      const pad = lastImpact ? '   ' : '│  ';
      const sensitivities = sorted(bySensitivity);
      sensitivities.forEach(([rules, items], s) => {
        const lastRules = s === sensitivities.length - 1;
        lines.push(`${pad}${lastRules ? '└─' : '├─'} sensitivity: ${rules}`);
        const inner = `${pad}${lastRules ? '   ' : '│  '}`;
        items.forEach((item, k) => lines.push(`${inner}${k === items.length - 1 ? '└─' : '├─'} ${item.label} · ${item.access} · ${hopsText(item)}`));
      });
    });
    if (!lastAccount) lines.push('');
  });
  lines.push('', ...cutLines(result));
  return `${lines.join('\n')}\n`;
}

function cutLines(result: RadiusResult): string[] {
  const { statements, complete } = result.cut;
  if (result.count === 0) return [];
  const head = complete
    ? `Smallest cut: removing ${statements.length === 1 ? 'this statement' : `these ${statements.length} statements`} empties the radius${statements.some((s) => s.policyKind === 'configuration') ? ' (a configuration field counts as one: delete the credential it holds)' : ''}`
    : `No statement set empties the radius: some of it is reached through configuration alone; removing these ${statements.length} statement(s) cuts the rest`;
  return [head, ...statements.map((s) => `  - ${statementText(s)}`)];
}

/** The JSON document, for scripts. */
export function renderRadiusJson(result: RadiusResult): string {
  const byAccount = sorted(grouped(result.reached)).map(([accountId, impacts]) => {
    const items = [...impacts.values()].flatMap((m) => [...m.values()].flat());
    return {
      accountId,
      count: items.length,
      weighted: Math.round(items.reduce((sum, item) => sum + item.weight, 0) * 1000) / 1000,
      impacts: Object.fromEntries(sorted(impacts).map(([impact, m]) => [impact, [...m.values()].flat().length])),
    };
  });
  const doc = {
    schema: RADIUS_SCHEMA,
    from: result.from,
    maxDepth: result.maxDepth,
    count: result.count,
    weighted: result.weighted,
    byAccount,
    reached: result.reached,
    cut: result.cut,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A Mermaid flowchart: the source, then one subgraph per account and impact class. */
export function renderRadiusMermaid(result: RadiusResult): string {
  const ids = new Map<string, string>();
  const id = (node: string) => ids.get(node) ?? (ids.set(node, `n${ids.size}`), ids.get(node)!);
  const lines = ['flowchart LR', `  ${id(result.from.node)}(["${mermaidText(`${result.from.label} (${result.from.kind})`)}"])`];
  const edges: string[] = [];
  sorted(grouped(result.reached)).forEach(([account, impacts], a) => {
    lines.push(`  subgraph a${a}["${mermaidText(account)}"]`);
    sorted(impacts).forEach(([impact, bySensitivity], i) => {
      lines.push(`    subgraph a${a}i${i}["${mermaidText(impact)}"]`);
      for (const item of [...bySensitivity.values()].flat()) {
        const node = id(item.node);
        if (!lines.some((l) => l.startsWith(`      ${node}[`))) lines.push(`      ${node}[("${mermaidText(item.label)}")]`);
        const link = item.viaAdmin ? `  ${id(item.viaAdmin)} -.->|"${mermaidText(item.access)}"| ${node}` : `  ${id(result.from.node)} -->|"${mermaidText(`${item.access}, ${item.path.length} hops`)}"| ${node}`;
        if (!edges.includes(link)) edges.push(link);
      }
      lines.push('    end');
    });
    lines.push('  end');
  });
  return `${[...lines, ...edges].join('\n')}\n`;
}

/** Renders a radius in one of its formats. */
export function renderRadius(format: RadiusFormat, result: RadiusResult): string {
  return { table: renderRadiusTable, json: renderRadiusJson, mermaid: renderRadiusMermaid }[format](result);
}
