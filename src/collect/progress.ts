/**
 * Progress of a collection run: counters the engine updates (accounts, regions and services
 * done of total, calls made, gaps so far) and the words the CLI prints for them. Nothing here
 * writes anywhere; the CLI decides where and how often.
 */

/** Done of total. */
export interface Tally {
  done: number;
  total: number;
}

/** A snapshot of the counters. */
export interface ProgressState {
  accounts: Tally;
  regions: Tally;
  /** One per service per region (and per account for global services). */
  services: Tally;
  calls: number;
  gaps: number;
}

/** What just happened. */
export type ProgressEvent =
  | { kind: 'account-start'; accountId: string; regions: number; services: number }
  | { kind: 'account-done'; accountId: string; calls: number; gaps: number }
  | { kind: 'account-skipped'; accountId: string; reason: string }
  | { kind: 'service-done'; accountId: string; region?: string; service: string }
  | { kind: 'call' }
  | { kind: 'gap' };

/** Receives every event with the counters after it. */
export type ProgressListener = (event: ProgressEvent, state: ProgressState) => void;

interface AccountCounters {
  calls: number;
  gaps: number;
  /** Units left per region. */
  regionsLeft: Map<string, number>;
}

/** Keeps the counters of one run and tells the listener about each change. */
export class ProgressTracker {
  private readonly state: ProgressState = {
    accounts: { done: 0, total: 0 },
    regions: { done: 0, total: 0 },
    services: { done: 0, total: 0 },
    calls: 0,
    gaps: 0,
  };
  private readonly perAccount = new Map<string, AccountCounters>();

  constructor(private readonly listener: ProgressListener = () => undefined) {}

  /** More accounts are planned (organization members, once listed). */
  planAccounts(count: number): void {
    this.state.accounts.total += count;
  }

  /** An account starts: its regions, and how many services each region and the account hold. */
  startAccount(accountId: string, units: ReadonlyArray<{ region?: string }>): void {
    const regionsLeft = new Map<string, number>();
    for (const unit of units) {
      if (unit.region !== undefined) regionsLeft.set(unit.region, (regionsLeft.get(unit.region) ?? 0) + 1);
    }
    this.perAccount.set(accountId, { calls: 0, gaps: 0, regionsLeft });
    this.state.regions.total += regionsLeft.size;
    this.state.services.total += units.length;
    this.emit({ kind: 'account-start', accountId, regions: regionsLeft.size, services: units.length });
  }

  /** One service finished in one region (or account-wide). */
  serviceDone(accountId: string, service: string, region?: string): void {
    this.state.services.done += 1;
    const counters = this.perAccount.get(accountId);
    if (region !== undefined && counters) {
      const left = (counters.regionsLeft.get(region) ?? 1) - 1;
      counters.regionsLeft.set(region, left);
      if (left === 0) this.state.regions.done += 1;
    }
    this.emit({ kind: 'service-done', accountId, service, ...(region ? { region } : {}) });
  }

  /** An account finished. */
  accountDone(accountId: string): void {
    this.state.accounts.done += 1;
    const counters = this.perAccount.get(accountId);
    this.emit({ kind: 'account-done', accountId, calls: counters?.calls ?? 0, gaps: counters?.gaps ?? 0 });
  }

  /** An account could not be collected at all (its role could not be assumed). */
  accountSkipped(accountId: string, reason: string): void {
    this.state.accounts.done += 1;
    this.emit({ kind: 'account-skipped', accountId, reason });
  }

  /** One HTTP request went out (retries count). */
  call(accountId: string): void {
    this.state.calls += 1;
    const counters = this.perAccount.get(accountId);
    if (counters) counters.calls += 1;
    this.emit({ kind: 'call' });
  }

  /** A gap was recorded. */
  gap(accountId: string): void {
    this.state.gaps += 1;
    const counters = this.perAccount.get(accountId);
    if (counters) counters.gaps += 1;
    this.emit({ kind: 'gap' });
  }

  /** A copy of the counters (made for every call, so kept cheap). */
  snapshot(): ProgressState {
    const { accounts, regions, services, calls, gaps } = this.state;
    return { accounts: { ...accounts }, regions: { ...regions }, services: { ...services }, calls, gaps };
  }

  private emit(event: ProgressEvent): void {
    this.listener(event, this.snapshot());
  }
}

/** The one-line status a terminal shows, rewritten in place. */
export function formatProgressLine(state: ProgressState): string {
  const tally = (name: string, t: Tally) => `${name} ${t.done}/${t.total}`;
  return [
    tally('accounts', state.accounts),
    tally('regions', state.regions),
    tally('services', state.services),
    plural(state.calls, 'call'),
    plural(state.gaps, 'gap'),
  ].join(' · ');
}

/** The line a log (not a terminal) gets for an event, or undefined for events too small to log. */
export function formatProgressEvent(event: ProgressEvent): string | undefined {
  switch (event.kind) {
    case 'account-start':
      return `account ${event.accountId}: collecting ${event.services} services in ${event.regions} regions`;
    case 'account-done':
      return `account ${event.accountId}: done, ${plural(event.calls, 'call')}, ${plural(event.gaps, 'gap')}`;
    case 'account-skipped':
      return `account ${event.accountId}: skipped: ${event.reason}`;
    default:
      return undefined;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
