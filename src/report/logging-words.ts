/**
 * How reports word what a hop or a path leaves behind (src/logging): one vocabulary for the
 * table, the markdown and the HTML, built from the record's fields.
 */
import type { HopRecord, PathLogging } from '../logging/index.js';

/** A hop's record in a few words: `trail org-audit`, `no record`, `Event history only`... */
export function hopRecordText(record: HopRecord): string {
  const invocation = record.invocationLogging === 'off' ? ', prompts not logged' : record.invocationLogging === 'unknown' ? ', prompt logging unknown' : '';
  switch (record.status) {
    case 'trail':
      return `logged by trail ${(record.trails ?? []).join(', ')}${invocation}`;
    case 'event-history':
      return `no trail: Event history only (90 days)${invocation}`;
    case 'none':
      return 'leaves no record';
    case 'unknown':
      return `record unknown (CloudTrail not collected)${invocation}`;
    case 'no-call':
      return '';
  }
}

/** A path's visibility in one sentence. */
export const PATH_LOGGING_TEXT: Record<PathLogging, string> = {
  silent: 'silent: no call on this path reaches a CloudTrail trail',
  partial: 'partly logged: some calls on this path leave no trail record',
  recorded: 'logged: every call on this path reaches a CloudTrail trail',
  unknown: 'unknown: what the account records was not collected',
};
