/** Input warnings as reports print them: one line each, grouped by kind, with a cap per kind. */
import type { InputWarning } from '../load/warnings.js';

/** `file: path: message`, the way errors name places. */
export function warningLine(warning: InputWarning): string {
  return `${warning.file}: ${warning.path}: ${warning.message}`;
}

/** Warnings grouped by kind (in the order given), each group cut at `max` with the number left out. */
export function warningGroups(warnings: readonly InputWarning[], max: number): Array<{ kind: InputWarning['kind']; shown: InputWarning[]; more: number }> {
  const groups = new Map<InputWarning['kind'], InputWarning[]>();
  for (const warning of warnings) groups.set(warning.kind, [...(groups.get(warning.kind) ?? []), warning]);
  return [...groups.entries()].map(([kind, list]) => ({ kind, shown: list.slice(0, max), more: Math.max(0, list.length - max) }));
}
