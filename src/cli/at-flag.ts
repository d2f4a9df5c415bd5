/** `--at <time>`: the analysis time of analyze and can, validated and normalized to UTC ISO 8601. */
import { InvalidArgumentError } from 'commander';

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses `2026-11-02` (midnight UTC) or `2026-11-02T08:00:00Z` / `+01:00` into `2026-11-02T08:00:00Z`. */
export function analysisTime(value: string): string {
  const text = value.trim();
  const ms = ISO.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidArgumentError('expected an ISO 8601 date or time, e.g. 2026-11-02 or 2026-11-02T08:00:00Z');
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** The option's help text, shared by the commands that take it. */
export const AT_HELP = "decide time conditions (aws:CurrentTime, aws:EpochTime, aws:TokenIssueTime) as of this time; default the snapshot's collectedAt";
