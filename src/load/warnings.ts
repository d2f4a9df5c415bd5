/**
 * Input warnings: things in the input that look wrong but do not stop the analysis (a key
 * written twice, an action no AWS service has). Every report lists them with the file and the
 * JSON path, so a silent wrong answer becomes a visible question.
 */
import { compareStrings } from '../core/hash.js';

/** Kinds of input warning, in the order reports list them. */
export const INPUT_WARNING_KINDS = [
  'duplicate-key',
  'duplicate-arn',
  'no-default-version',
  'unknown-action',
  'unknown-condition-operator',
  'unchecked',
] as const;
export type InputWarningKind = (typeof INPUT_WARNING_KINDS)[number];

/** One thing that looks wrong in an input file. */
export interface InputWarning {
  kind: InputWarningKind;
  file: string;
  /** JSON path inside the file, as errors write it (`accounts[0].iam...`). */
  path: string;
  /** What is wrong and what blastpath did about it. */
  message: string;
}

/** Warnings in report order: by kind, file, path, message; each once. */
export function sortWarnings(warnings: readonly InputWarning[]): InputWarning[] {
  const unique = new Map(warnings.map((w) => [`${w.kind}\u0000${w.file}\u0000${w.path}\u0000${w.message}`, w]));
  return [...unique.values()].sort(
    (a, b) =>
      INPUT_WARNING_KINDS.indexOf(a.kind) - INPUT_WARNING_KINDS.indexOf(b.kind) ||
      compareStrings(a.file, b.file) ||
      compareStrings(a.path, b.path) ||
      compareStrings(a.message, b.message),
  );
}
