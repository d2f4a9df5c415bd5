/**
 * The table's posture section and identity cards. The default view gives one line per posture
 * finding (what, whose, the evidence counted, how many paths); `--details` gives each finding's
 * full evidence and path ids, then a card per non-human identity on a path or with a finding.
 */
import { SEVERITIES, type IdentityCard, type PostureFinding } from '../analyze/finding.js';
import { compareStrings } from '../core/hash.js';
import type { EntryCredential } from '../identity/index.js';
import type { Theme } from './theme.js';
import { words, type Line } from './wrap.js';

const blank: Line = { indent: 0, hang: 0, words: [] };
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
/** The last segment of an ARN or node id: what people call the thing. */
const shortName = (id: string) => (id.startsWith('arn:') ? (id.split(/[/:]/).filter(Boolean).pop() ?? id) : id);

/** How an identity's credential lives, in a few words. */
export function credentialWords(c: EntryCredential | undefined): string {
  if (!c) return 'credential unknown';
  if (c.kind === 'access-key') {
    if (c.ageDays === undefined) return 'access key, age unknown';
    const use = c.unusedDays === undefined ? 'last use not collected' : c.lastUsedAt ? `last used ${plural(c.unusedDays, 'day')} ago` : 'never used';
    return `access key ${plural(c.ageDays, 'day')} old, ${use}`;
  }
  if (c.kind === 'bedrock-api-key') {
    const age = c.ageDays === undefined ? 'age unknown' : `${plural(c.ageDays, 'day')} old`;
    return `${plural(c.count ?? 1, 'Bedrock API key')} ${age}, ${c.expiresAt ? `expires ${c.expiresAt.slice(0, 10)}` : 'never expires'}, last use not recorded by IAM`;
  }
  if (c.kind === 'web-identity-session' || c.kind === 'role-session') return `${c.kind === 'web-identity-session' ? 'web identity' : 'role'} sessions up to ${plural(c.sessionHours ?? 1, 'hour')}`;
  return c.kind;
}

/** Lines of the posture section; none when there are no posture findings. */
export function postureLines(posture: readonly PostureFinding[], theme: Theme, details = false): Line[] {
  if (posture.length === 0) return [];
  const lines: Line[] = [{ indent: 0, hang: 2, words: [...words(`Posture findings (${posture.length}):`, theme.heading), ...words('weaknesses that change what the paths above mean')] }];
  if (!details) {
    // One line per rule: whose it is, and how many paths it concerns; evidence waits for --details.
    const byRule = new Map<string, PostureFinding[]>();
    for (const p of posture) byRule.set(p.rule, [...(byRule.get(p.rule) ?? []), p]);
    // Most severe rule first (then rule order), as findings and gaps are listed.
    const rank = (group: PostureFinding[]) => SEVERITIES.indexOf(group[0]!.severity);
    for (const [rule, group] of [...byRule].sort(([, a], [, b]) => rank(a) - rank(b))) {
      const paths = new Set(group.flatMap((p) => p.findings)).size;
      lines.push({
        indent: 2,
        hang: 6,
        words: [{ text: group[0]!.severity.toUpperCase(), paint: theme.severity[group[0]!.severity] }, ...words(rule, theme.technique), ...words(`· ${group.map((p) => shortName(p.subject)).join(', ')}`, theme.node), ...words(`· ${plural(paths, 'path')}`, theme.dim)],
      });
    }
    return [...lines, blank];
  }
  for (const p of posture) {
    const head = [{ text: p.severity.toUpperCase(), paint: theme.severity[p.severity] }, ...words(p.rule, theme.technique), ...words(`· ${shortName(p.subject)} (${p.accountId})`, theme.node)];
    lines.push({ indent: 2, hang: 6, words: [...head, ...words(`· ${p.title}`), ...words(`(${p.id})`, theme.dim)] });
    const evidence = Object.keys(p.evidence).sort(compareStrings).map((key) => `${key} ${(p.evidence[key] ?? []).join(', ') || 'none'}`);
    lines.push({ indent: 6, hang: 8, words: words([...evidence, `paths ${p.findings.join(', ') || 'none found'}`].join(' · ')) });
    lines.push({ indent: 6, hang: 8, words: [...words('fix', theme.dim), ...words(p.remediation)] });
  }
  return [...lines, blank];
}

/** Identity cards (details view): identities on some path or with a posture finding, widest radius first. */
export function identityLines(cards: readonly IdentityCard[], theme: Theme): Line[] {
  const shown = cards.filter((c) => c.findings.length > 0 || c.posture.length > 0).sort((a, b) => (b.radius?.weighted ?? 0) - (a.radius?.weighted ?? 0) || compareStrings(a.id, b.id));
  if (shown.length === 0) return [];
  const lines: Line[] = [{ indent: 0, hang: 2, words: [...words(`Identity cards (${shown.length} of ${cards.length}):`, theme.heading), ...words('non-human identities on a path or with a posture finding')] }];
  for (const c of shown) {
    const shared = c.workloads.length ? `run by ${plural(c.workloads.length, 'workload')} (${c.workloadKinds.join(', ')})` : 'no workload runs as it';
    const bedrock = c.bedrockApiKeys ? ` · ${credentialWords(c.bedrockApiKeys)}` : '';
    lines.push({ indent: 2, hang: 6, words: [...words(`${c.label} (${c.kind}, ${c.accountId ?? '-'})`, theme.node), ...words(`· ${shared} · ${credentialWords(c.credential)}${bedrock}`)] });
    const unlocks = c.capabilities.length ? c.capabilities.map((k) => `${k} ${c.reaches[k].length}`).join(', ') : 'nothing in the snapshot';
    const logged = c.logging ? ` · actions logged ${c.logging.recorded} of ${c.logging.recorded + c.logging.eventHistoryOnly + c.logging.unrecorded + c.logging.unknown}` : '';
    lines.push({ indent: 6, hang: 8, words: words(`unlocks ${unlocks}${logged} · ${c.radius ? `radius ${c.radius.weighted} (${plural(c.radius.crownJewels, 'crown jewel')})` : 'on no path'} · ${plural(c.findings.length, 'path')} · posture ${c.posture.join(', ') || 'none'}`, theme.dim) });
  }
  return [...lines, blank];
}
