/**
 * IAM roles for service accounts (IRSA) as an attacker in the cluster meets them. A pod's
 * projected token carries `sub = system:serviceaccount:<namespace>:<name>` and `aud =
 * sts.amazonaws.com`, signed by the cluster's OIDC issuer; the role's trust decides which
 * subjects it admits. We ask the evaluator claim by claim, broadest first: a token of a service
 * account the attacker names (any pod of the cluster), then each subject pattern the trust
 * itself writes, with its wildcards filled in (a namespace, or one service account).
 */
import { evaluate, type EvaluationResult } from '../../iam/index.js';
import { ATTACKER_CHOSEN } from '../decide.js';
import type { Principal } from '../facts/index.js';

/** How widely a trust admits the cluster's service accounts. */
export type ServiceAccountScope = 'any' | 'namespace' | 'service-account';

/** One way a role's trust admits tokens of the issuer, decided. */
export interface IrsaAdmission {
  scope: ServiceAccountScope;
  /** The namespace (or namespace pattern) the scope is limited to; absent for `any`. */
  namespace?: string;
  /** The service account (or pattern) for `service-account`. */
  serviceAccount?: string;
  result: EvaluationResult;
}

/** Names no real cluster uses: the attacker's own namespace and service account. */
const ATTACKER_NAMESPACE = 'blastpath-attacker-ns';
const ATTACKER_ACCOUNT = 'blastpath-attacker-sa';
/** The audience the EKS Pod Identity webhook projects into IRSA tokens. */
const AUDIENCE = 'sts.amazonaws.com';
const SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;
const RANK: Record<ServiceAccountScope, number> = { any: 0, namespace: 1, 'service-account': 2 };

function decideToken(role: Principal, provider: string, host: string, subject: string): EvaluationResult {
  return evaluate(
    {
      principal: { arn: provider, type: 'federated' },
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: role.arn,
      resourceAccount: role.accountId,
      context: { ...ATTACKER_CHOSEN, [`${host}:sub`]: [subject], [`${host}:aud`]: [AUDIENCE] },
    },
    // A federated caller is granted by the trust alone: no identity policy takes part.
    { identity: [], resource: role.trust!, resourcePolicyMode: 'required' },
  );
}

/** Subject values the trust's Allow statements test, as written (a pattern may hold wildcards). */
function subjectsIn(role: Principal, host: string): string[] {
  const key = `${host}:sub`;
  const values = new Set<string>();
  for (const statement of role.trust!.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const clause of statement.conditions) if (clause.key === key && !clause.operator.includes('Not')) clause.values.forEach((v) => values.add(v));
  }
  return [...values].sort();
}

const hasWildcard = (text: string) => /[*?]/.test(text);
/** A concrete value a glob matches: the attacker picks the free part. */
const fill = (pattern: string) => pattern.replace(/\*/g, 'blastpath').replace(/\?/g, 'x');

/** What one written subject admits: its scope, and the concrete subject to ask about. */
function scopeOf(namespace: string, account: string): Omit<IrsaAdmission, 'result'> {
  // Every pod without a service account of its own runs as `default`: the whole namespace.
  const wholeNamespace = hasWildcard(account) || account === 'default';
  if (namespace === '*' && wholeNamespace) return { scope: 'any' };
  if (wholeNamespace) return { scope: 'namespace', namespace };
  return { scope: 'service-account', namespace, serviceAccount: account };
}

/**
 * The ways the role's trust admits tokens of this issuer, broadest first (empty when none).
 * `provider` is the OIDC provider ARN the trust names, `host` its issuer host, lower case.
 */
export function irsaAdmissions(role: Principal, provider: string, host: string): IrsaAdmission[] {
  const any = decideToken(role, provider, host, `system:serviceaccount:${ATTACKER_NAMESPACE}:${ATTACKER_ACCOUNT}`);
  if (any.decision !== 'denied') return [{ scope: 'any', result: any }];
  const found: IrsaAdmission[] = [];
  for (const written of subjectsIn(role, host)) {
    const match = SUBJECT.exec(written);
    if (!match) continue;
    const result = decideToken(role, provider, host, `system:serviceaccount:${fill(match[1]!)}:${fill(match[2]!)}`);
    if (result.decision !== 'denied') found.push({ ...scopeOf(match[1]!, match[2]!), result });
  }
  return found.sort((a, b) => RANK[a.scope] - RANK[b.scope]);
}

/** Words for a scope, as edges' detail shows it: `any service account`, `namespace ml`, `ml/model-server`. */
export function scopeWords(admission: Pick<IrsaAdmission, 'scope' | 'namespace' | 'serviceAccount'>): string {
  if (admission.scope === 'any') return 'any service account in any namespace';
  if (admission.scope === 'namespace') return `any service account in namespace ${admission.namespace}`;
  return `service account ${admission.namespace}/${admission.serviceAccount}`;
}
