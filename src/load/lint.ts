/**
 * Checks one loaded input for what looks wrong without being invalid: IAM entities listed
 * twice (the last copy is kept, as JSON keeps the last of two keys), managed policies without
 * a default version, actions and condition operators AWS does not have. Returns the snapshot
 * to use (duplicates removed) and one warning per finding, with the file and JSON path.
 */
import { formatJsonPath } from '../core/errors.js';
import { catalogServices, expandActions, isCatalogAction } from '../iam/index.js';
import { parseOperator } from '../iam/operators.js';
import { forEachPolicy, type AuthorizationDetails, type Snapshot } from '../snapshot/index.js';
import type { InputWarning } from './warnings.js';

type Path = Array<string | number>;

/** The IAM lists whose entries are identified by `Arn`. */
const ARN_LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** Answers per action string; the same few hundred actions repeat across thousands of policies. */
const actionAnswers = new Map<string, string | undefined>();

/** Why an action pattern matches nothing AWS has; undefined when it is fine. */
function actionProblem(action: string): string | undefined {
  if (actionAnswers.has(action)) return actionAnswers.get(action);
  let problem: string | undefined;
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  if (lower !== '*') {
    if (colon <= 0) problem = 'expected service:Action (like s3:GetObject) or *';
    else {
      const service = lower.slice(0, colon);
      if (!/[*?]/.test(service) && !catalogServices().includes(service)) problem = `no AWS service has the prefix ${service}`;
      else if (/[*?]/.test(lower) ? expandActions([action]).length === 0 : !isCatalogAction(lower)) problem = 'no such action in the action catalog';
    }
  }
  actionAnswers.set(action, problem);
  return problem;
}

/** Whether IAM knows a condition operator; the same few operators repeat in every policy. */
const operatorKnown = new Map<string, boolean>();
function isKnownOperator(operator: string): boolean {
  let known = operatorKnown.get(operator);
  if (known === undefined) operatorKnown.set(operator, (known = parseOperator(operator).spec !== undefined));
  return known;
}

type Warn = (kind: InputWarning['kind'], path: Path, message: string) => void;

/** Lints one policy document's statements. Paths are built only for a warning: policies number in the tens of thousands. */
function lintPolicy(policy: unknown, path: Path, warn: Warn): void {
  const statements = (policy as Record<string, unknown>)['Statement'];
  if (statements === null || typeof statements !== 'object') return;
  if (Array.isArray(statements)) for (let s = 0; s < statements.length; s++) lintStatement(statements[s], path, s, warn);
  else lintStatement(statements, path, undefined, warn);
}

function lintStatement(statement: unknown, policyPath: Path, index: number | undefined, warn: Warn): void {
  if (statement === null || typeof statement !== 'object') return;
  const record = statement as Record<string, unknown>;
  const at = (...rest: Path) => [...policyPath, 'Statement', ...(index === undefined ? [] : [index]), ...rest];
  for (const field of ['Action', 'NotAction']) {
    const value = record[field];
    if (typeof value === 'string') {
      const problem = actionProblem(value);
      if (problem) warn('unknown-action', at(field), `${value}: ${problem}; no request blastpath evaluates matches it`);
    } else if (Array.isArray(value)) {
      for (let a = 0; a < value.length; a++) {
        const action = value[a];
        if (typeof action !== 'string') continue;
        const problem = actionProblem(action);
        if (problem) warn('unknown-action', at(field, a), `${action}: ${problem}; no request blastpath evaluates matches it`);
      }
    }
  }
  const condition = record['Condition'];
  if (condition && typeof condition === 'object') {
    for (const operator in condition) {
      if (!isKnownOperator(operator)) {
        warn('unknown-condition-operator', at('Condition', operator), `${operator} is not an IAM condition operator; the condition stays unresolved, so paths through it are reported as conditional`);
      }
    }
  }
}

/** Keeps the last entry of each ARN in the IAM lists; warns about the ones dropped. */
function dedupeIam(details: AuthorizationDetails, base: Path, warn: Warn): AuthorizationDetails {
  let copy: AuthorizationDetails | undefined;
  for (const list of ARN_LISTS) {
    const entries = details[list] as Array<{ Arn: string }>;
    const last = new Map<string, number>();
    entries.forEach((entry, i) => last.set(entry.Arn, i));
    if (last.size === entries.length) continue;
    const positions = new Map<string, number[]>();
    entries.forEach((entry, i) => positions.set(entry.Arn, [...(positions.get(entry.Arn) ?? []), i]));
    for (const [arn, at] of positions) {
      if (at.length < 2) continue;
      const kept = at[at.length - 1]!;
      const where = at.map((i) => `${list}[${i}]`).join(', ');
      warn('duplicate-arn', [...base, list, kept], `${arn} is listed ${at.length} times (${where}); the last one, ${list}[${kept}], is used`);
    }
    copy ??= { ...details };
    (copy as Record<string, unknown>)[list] = entries.filter((entry, i) => last.get(entry.Arn) === i);
  }
  return copy ?? details;
}

function lintManagedVersions(details: AuthorizationDetails, base: Path, warn: Warn): void {
  details.Policies.forEach((policy, i) => {
    const versions = policy.PolicyVersionList;
    if (versions.some((v) => v.IsDefaultVersion)) return;
    const path = [...base, 'Policies', i, 'PolicyVersionList'];
    warn(
      'no-default-version',
      path,
      versions.length === 0
        ? `${policy.Arn} has no policy version: it grants nothing here`
        : `${policy.Arn} has no version marked IsDefaultVersion; the first listed (${versions[0]!.VersionId ?? 'PolicyVersionList[0]'}) is used`,
    );
  });
}

/** The snapshot with duplicate IAM entries removed, and the warnings about this file. */
export function lintSnapshot(snapshot: Snapshot, file: string, gaad: boolean): { snapshot: Snapshot; warnings: InputWarning[] } {
  const warnings: InputWarning[] = [];
  const warn = (kind: InputWarning['kind'], path: Path, message: string) => warnings.push({ kind, file, path: formatJsonPath(path), message });
  let accounts = snapshot.accounts;
  snapshot.accounts.forEach((account, a) => {
    // A GAAD file is wrapped into a snapshot: paths are those of the file, not of the wrapper.
    const base: Path = gaad ? [] : ['accounts', a, 'iam', 'AuthorizationDetails'];
    const details = account.iam?.AuthorizationDetails;
    if (details) {
      lintManagedVersions(details, base, warn);
      const deduped = dedupeIam(details, base, warn);
      if (deduped !== details) {
        if (accounts === snapshot.accounts) accounts = [...accounts];
        accounts[a] = { ...account, iam: { ...account.iam!, AuthorizationDetails: deduped } };
      }
    }
  });
  // Paths are those of the file: a GAAD file is wrapped into a snapshot, whose prefix is dropped.
  forEachPolicy(snapshot, (policy, path) => lintPolicy(policy, gaad ? path.slice(4) : path, warn));
  return { snapshot: accounts === snapshot.accounts ? snapshot : { ...snapshot, accounts }, warnings };
}
