/**
 * OIDC federation as an attacker sees it: anyone can mint a token from a public issuer
 * (GitHub Actions, GitLab, Terraform Cloud) for a repository they own. We evaluate the trust
 * policy with such a token: identity claims carry the attacker's values, claims anyone can
 * choose (audience) carry the values the policy asks for, and anything else stays open.
 */
import { accountOfArn } from '../../core/arn.js';
import type { CompiledPolicy } from '../../iam/index.js';

/** Claims that identify who the token was issued to; pinning one of them pins the role. */
const IDENTITY_CLAIMS = new Set([
  'sub', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'job_workflow_ref', 'workflow_ref',
  'environment', 'ref', 'workflow', 'actor', 'actor_id', 'enterprise', 'enterprise_id', 'project_path', 'project_id',
  'namespace_path', 'namespace_id', 'user_login', 'terraform_organization_name', 'terraform_workspace_name',
]);

/** Claims the token requester picks freely. */
const CHOSEN_CLAIMS = new Set(['aud', 'azp', 'amr']);

const ATTACKER = 'blastpath-attacker';

function attackerSubject(host: string): string {
  if (host === 'token.actions.githubusercontent.com') return `repo:${ATTACKER}/attack:ref:refs/heads/main`;
  if (host.startsWith('gitlab')) return `project_path:${ATTACKER}/attack:ref_type:branch:ref:main`;
  if (host === 'app.terraform.io') return `organization:${ATTACKER}:project:attack:workspace:attack:run_phase:apply`;
  return ATTACKER;
}

/** OIDC providers named as `Federated` principals in a trust policy. */
export function oidcProvidersIn(trust: CompiledPolicy): Array<{ arn: string; host: string; accountId?: string }> {
  const found = new Map<string, { arn: string; host: string; accountId?: string }>();
  for (const statement of trust.statements) {
    const values = statement.principal?.values;
    if (statement.effect !== 'Allow' || !values || values === '*' || statement.principal?.not) continue;
    for (const arn of values.Federated) {
      const match = /:oidc-provider\/(.+)$/.exec(arn);
      if (!match) continue;
      const accountId = accountOfArn(arn);
      found.set(arn, { arn, host: match[1]!, ...(accountId ? { accountId } : {}) });
    }
  }
  return [...found.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/** Condition context for a token the attacker mints from `host`. */
export function attackerTokenContext(trust: CompiledPolicy, host: string): Record<string, string[] | null> {
  const prefix = `${host.toLowerCase()}:`;
  const context: Record<string, string[] | null> = { [`${prefix}sub`]: [attackerSubject(host)] };
  for (const statement of trust.statements) {
    for (const clause of statement.conditions) {
      if (!clause.key.startsWith(prefix)) continue;
      const claim = clause.key.slice(prefix.length);
      if (IDENTITY_CLAIMS.has(claim)) context[clause.key] ??= [claim === 'sub' ? attackerSubject(host) : ATTACKER];
      else if (CHOSEN_CLAIMS.has(claim) && !clause.operator.includes('Not')) context[clause.key] = clause.values;
    }
  }
  return context;
}
