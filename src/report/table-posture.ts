/** The table's posture section: one block per posture finding, with its evidence and the paths it concerns. */
import type { PostureFinding } from '../analyze/finding.js';
import { compareStrings } from '../core/hash.js';
import type { Theme } from './theme.js';
import { words, type Line } from './wrap.js';

/** Lines of the posture section; none when there are no posture findings. */
export function postureLines(posture: readonly PostureFinding[], theme: Theme): Line[] {
  if (posture.length === 0) return [];
  const lines: Line[] = [{ indent: 0, hang: 2, words: [...words(`Posture findings (${posture.length}):`, theme.heading), ...words('weaknesses that change what the paths above mean')] }];
  for (const p of posture) {
    lines.push({ indent: 2, hang: 6, words: [{ text: p.severity.toUpperCase(), paint: theme.severity[p.severity] }, ...words(`${p.title} · ${p.accountId}`), ...words(`(${p.rule}, ${p.id})`, theme.dim)] });
    const evidence = Object.keys(p.evidence).sort(compareStrings).map((key) => `${key} ${(p.evidence[key] ?? []).join(', ') || 'none'}`);
    lines.push({ indent: 6, hang: 8, words: words([...evidence, `paths ${p.findings.join(', ') || 'none found'}`].join(' · ')) });
  }
  return [...lines, { indent: 0, hang: 0, words: [] }];
}
