/**
 * Time-bound conditions decided against the time of the request (`at`, the analysis time): a
 * window that is over grants nothing, one that is open grants outright, and a role session the
 * attack obtains then carries that time as aws:TokenIssueTime.
 */
import type { AccessRequest, ConditionBlockInput, RequestPrincipal } from '../../../src/iam/index.js';
import { ACCT, allow, anonymous, appRole, deny, identityPolicy, resourcePolicy } from '../helpers.js';
import { RULES, type Case, type Rule } from './harness.js';

const AT = '2026-11-02T08:00:00Z';
const AT_EPOCH = String(Date.parse(AT) / 1000);
type Extra = Partial<Pick<Case, 'residual' | 'denyReason'>> & { principal?: RequestPrincipal; at?: string | null; choices?: AccessRequest['choices'] };

const allowWhen = (condition: ConditionBlockInput) => identityPolicy('p', allow('s3:GetObject', '*', { Condition: condition }));
const row = (rule: Rule, title: string, condition: ConditionBlockInput, decision: Case['decision'], extra: Extra = {}): Case => ({
  rule,
  title,
  request: {
    principal: extra.principal ?? appRole,
    ...(extra.at === null ? {} : { at: extra.at ?? AT }),
    ...(extra.choices ? { choices: extra.choices } : {}),
  },
  policies: { identity: [allowWhen(condition)] },
  decision,
  ...(decision === 'denied' ? { denyReason: extra.denyReason ?? ('no-allow' as const) } : {}),
  ...(extra.residual ? { residual: extra.residual } : {}),
});
const T = RULES.timeKeys;
const userCaller: RequestPrincipal = { arn: `arn:aws:iam::${ACCT}:user/alice`, type: 'user', accountId: ACCT };
// Long-term keys (no aws:TokenIssueTime) or a session token obtained now: the caller's pick.
const tokenChoice = { 'aws:tokenissuetime': { values: [null, AT] } };
const REVOKE = deny('*', '*', { Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-10-01T00:00:00Z' } } });

export const timeCases: Case[] = [
  row(T, 'aws:TokenIssueTime before 2020: a role session obtained now can never meet it', { DateLessThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } }, 'denied'),
  row(T, 'aws:TokenIssueTime after a past date: a role session obtained now meets it', { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } }, 'allowed'),
  row(T, 'aws:TokenIssueTime: a user picking long-term keys or a session cannot meet a window that is over', { DateLessThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } }, 'denied', { principal: userCaller, choices: tokenChoice }),
  row(T, 'aws:TokenIssueTime: a user may or may not carry a session token, so without the pick it stays open', { DateLessThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } }, 'conditional', { principal: userCaller, residual: ['DateLessThan aws:TokenIssueTime 2020-01-01T00:00:00Z'] }),
  row(T, 'aws:TokenIssueTime: IfExists is met by a user with long-term keys', { DateGreaterThanIfExists: { 'aws:TokenIssueTime': '2030-01-01T00:00:00Z' } }, 'allowed', { principal: userCaller, choices: tokenChoice }),
  row(T, 'aws:CurrentTime: a window that ended before the analysis time is closed', { DateLessThan: { 'aws:CurrentTime': '2025-12-31T23:59:59Z' } }, 'denied'),
  row(T, 'aws:CurrentTime: a window still open at the analysis time grants', { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, 'allowed'),
  row(RULES.dateExample, 'aws:CurrentTime: a start and end date around the analysis time grants', { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2026-12-31T23:59:59Z' } }, 'allowed'),
  row(RULES.dateExample, 'aws:CurrentTime: a window that has not started yet grants nothing now', { DateGreaterThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, 'denied'),
  row(T, 'aws:CurrentTime: the key is always present', { 'Null': { 'aws:CurrentTime': 'false' } }, 'allowed'),
  row(T, 'aws:CurrentTime: the analysis time overrides the snapshot time', { DateLessThan: { 'aws:CurrentTime': '2026-06-30T00:00:00Z' } }, 'allowed', { at: '2026-03-01T00:00:00Z' }),
  row(T, 'aws:CurrentTime: without an analysis time the window stays the residual', { DateLessThan: { 'aws:CurrentTime': '2025-12-31T23:59:59Z' } }, 'conditional', { at: null, residual: ['DateLessThan aws:CurrentTime 2025-12-31T23:59:59Z'] }),
  row(T, 'aws:EpochTime: a numeric range that is over is closed', { NumericGreaterThanEquals: { 'aws:EpochTime': '1700000000' }, NumericLessThan: { 'aws:EpochTime': '1735689600' } }, 'denied'),
  row(T, 'aws:EpochTime: a numeric range around the analysis time grants', { NumericGreaterThanEquals: { 'aws:EpochTime': '1700000000' }, NumericLessThan: { 'aws:EpochTime': '1900000000' } }, 'allowed'),
  row(T, 'aws:EpochTime: equal to the analysis time in seconds', { NumericEquals: { 'aws:EpochTime': AT_EPOCH } }, 'allowed'),
  row(T, 'aws:EpochTime: date operators read it as epoch seconds', { DateLessThan: { 'aws:EpochTime': '2025-01-01T00:00:00Z' } }, 'denied'),
  {
    rule: RULES.revokeSessions,
    title: 'revoking older sessions: a role session obtained at the analysis time is not revoked',
    request: { principal: appRole, at: AT },
    policies: { identity: [identityPolicy('p', allow('s3:GetObject'), REVOKE)] },
    decision: 'allowed',
  },
  {
    rule: RULES.revokeSessions,
    title: 'revoking older sessions: as of a time before the revocation, the session is denied',
    request: { principal: appRole, at: '2026-09-01T00:00:00Z' },
    policies: { identity: [identityPolicy('p', allow('s3:GetObject'), REVOKE)] },
    decision: 'denied',
    denyReason: 'explicit-deny',
    deniedBy: ['p#1'],
  },
  {
    rule: T,
    title: 'aws:TokenIssueTime: an anonymous caller has no token',
    request: { principal: anonymous, at: AT },
    policies: { identity: [], resource: resourcePolicy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { Null: { 'aws:TokenIssueTime': 'true' } } }) },
    decision: 'allowed',
  },
  {
    rule: T,
    title: 'a resource policy that grants only until a past date grants nothing now',
    request: { principal: anonymous, at: AT },
    policies: { identity: [], resource: resourcePolicy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } } }), resourcePolicyMode: 'required' },
    decision: 'denied',
    denyReason: 'resource-policy',
  },
];
