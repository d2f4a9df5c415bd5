/**
 * The coverage log of one run: one `ok` record per operation that succeeded somewhere in a
 * service and region, and one record per call that did not (a gap), so a snapshot says what
 * was seen and, resource by resource, what could not be.
 */
import { stableStringify } from '../../core/hash.js';
import { compareCoverage, deriveReason, type CoverageOutcome, type CoverageReason, type CoverageRecord } from '../../snapshot/index.js';

/** Which account, region and service a record is about. */
export interface CoverageScope {
  accountId: string;
  /** Absent for global services (IAM, S3, Organizations) and account-wide records. */
  region?: string;
  service: string;
}

/** Accumulates coverage records; safe to share between concurrent units. */
export class CoverageLog {
  private readonly ok = new Map<string, CoverageRecord>();
  private readonly gaps = new Map<string, CoverageRecord>();
  private readonly notes = new Map<string, CoverageRecord>();
  private readonly listeners: Array<(record: CoverageRecord) => void> = [];

  /** Called for every gap as it is recorded (progress counts them). */
  onGap(listener: (record: CoverageRecord) => void): void {
    this.listeners.push(listener);
  }

  /** The operation succeeded (at least once) in this scope. */
  recordOk(scope: CoverageScope, operation: string): void {
    // Called for every successful call: a plain key, and no new record once one exists.
    const key = `${scope.accountId}|${scope.region ?? ''}|${scope.service}|${operation}`;
    if (!this.ok.has(key)) this.ok.set(key, toRecord(scope, operation, 'ok'));
  }

  /**
   * A call failed or was not made. The same gap recorded twice is kept once. `reason` is the
   * classified cause; without one it is derived from the outcome and message.
   */
  recordGap(scope: CoverageScope, operation: string, outcome: Exclude<CoverageOutcome, 'ok'>, message: string, resource?: string, reason?: CoverageReason): void {
    const record: CoverageRecord = {
      ...toRecord(scope, operation, outcome),
      ...(resource ? { resource } : {}),
      reason: reason ?? deriveReason({ outcome, message }),
      message,
    };
    const key = stableStringify(record);
    if (this.gaps.has(key)) return;
    this.gaps.set(key, record);
    for (const listener of this.listeners) listener(record);
  }

  /**
   * Data was collected and kept, but something about it was odd (a field AWS always sends was
   * missing and had to be derived): an `ok` record with a message, so the snapshot says so.
   */
  recordNote(scope: CoverageScope, operation: string, message: string, resource?: string): void {
    const record = { ...toRecord(scope, operation, 'ok'), ...(resource ? { resource } : {}), message };
    this.notes.set(stableStringify(record), record);
  }

  /** Gaps recorded so far. */
  get gapCount(): number {
    return this.gaps.size;
  }

  /** Every record, sorted the way snapshots keep them. */
  records(): CoverageRecord[] {
    return [...this.ok.values(), ...this.notes.values(), ...this.gaps.values()].sort(compareCoverage);
  }
}

function toRecord(scope: CoverageScope, operation: string, outcome: CoverageOutcome): CoverageRecord {
  return {
    accountId: scope.accountId,
    ...(scope.region ? { region: scope.region } : {}),
    service: scope.service,
    operation,
    outcome,
  };
}
