/**
 * Faults the local server injects: each rule matches requests (service, operation, account,
 * region, resource key, page) and replaces their answer, a given number of times or always.
 */

/** What goes wrong. */
export type FaultKind =
  /** The service's throttling error. */
  | 'throttle'
  /** The service's access-denied error. */
  | 'denied'
  /** The service's expired-token error. */
  | 'expired'
  /** A 500. */
  | 'server-error'
  /** No answer for `hangMs` (the client should time out first). */
  | 'timeout'
  /** A normal answer with its body cut in half. */
  | 'truncated-body'
  /** A page that says more results follow but has no continuation token. */
  | 'missing-token'
  /** An HTML 404 page, as an emulator without the operation (moto) answers. */
  | 'not-implemented';

/** One rule. Unset match fields match anything. */
export interface FaultRule {
  fault: FaultKind;
  service?: string;
  operation?: string;
  account?: string;
  region?: string;
  /** The value of the operation's key parameter (a bucket name, a function name). */
  key?: string;
  /** 1 for the first page of a listing, 2 for the second... */
  page?: number;
  /** How many matching requests it applies to (default: all). */
  times?: number;
  hangMs?: number;
}

/** What a request is, for matching. */
export interface RequestFacts {
  service: string;
  operation: string;
  account: string;
  region: string;
  key?: string;
  page: number;
}

/** The first rule that matches and still has uses left (one use is consumed). */
export function takeFault(rules: FaultRule[], facts: RequestFacts): FaultRule | undefined {
  for (const rule of rules) {
    if (rule.times !== undefined && rule.times <= 0) continue;
    if (rule.service !== undefined && rule.service !== facts.service) continue;
    if (rule.operation !== undefined && rule.operation !== facts.operation) continue;
    if (rule.account !== undefined && rule.account !== facts.account) continue;
    if (rule.region !== undefined && rule.region !== facts.region) continue;
    if (rule.key !== undefined && rule.key !== facts.key) continue;
    if (rule.page !== undefined && rule.page !== facts.page) continue;
    if (rule.times !== undefined) rule.times -= 1;
    return rule;
  }
  return undefined;
}
