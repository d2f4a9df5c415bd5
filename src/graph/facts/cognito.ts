/**
 * Cognito facts: identity pools with the roles they hand out, and who may get each. Guests
 * (unauthenticated identities) get the unauthenticated role when the pool allows them; users
 * of the pool's identity providers get the authenticated role. Which of those users an
 * attacker can become is read here: a user pool that lets anyone sign up (its
 * AdminCreateUserConfig.AllowAdminCreateUserOnly is false), or a social login (Google,
 * Facebook, Amazon, Apple, Twitter) where anyone opens an account. Users someone vets (a pool
 * without self sign-up, OIDC, SAML, a developer provider) are the owner's users, not entries.
 */
import type { AccountData } from '../../snapshot/index.js';
import { guestSessionPolicies } from './cognito-session.js';
import { configuration, type Principal } from './types.js';
import type { Provenance } from '../schema.js';

/** Logins anyone can open an account with, by Cognito's SupportedLoginProviders key. */
const SOCIAL_LOGINS = new Set(['graph.facebook.com', 'accounts.google.com', 'www.amazon.com', 'appleid.apple.com', 'api.twitter.com', 'www.digits.com']);

/** An identity provider whose users anyone can become. */
export interface OpenProvider {
  /** The outsider's id: the user pool ARN, or the social login's domain. */
  issuer: string;
  label: string;
  /** The ProviderName (or login domain) as the amr claim carries it. */
  provider: string;
  evidence: Provenance[];
  /** A role mapping for the provider denies users no rule matches: the default role needs a matching rule. */
  mappedOnly?: boolean;
}

/** One identity pool as the entry points read it. */
export interface IdentityPoolFacts {
  id: string;
  arn: string;
  name: string;
  accountId: string;
  partition: string;
  region: string;
  allowUnauthenticated: boolean;
  /** The basic (classic) flow: the caller assumes the role itself, with no session policy. */
  classicFlow: boolean;
  unauthenticatedRole?: string;
  authenticatedRole?: string;
  openProviders: OpenProvider[];
}

/** A Cognito user pool: its name, and whether anyone may sign up. */
export interface UserPoolFacts {
  arn: string;
  name: string;
  open: boolean;
}

/** Every user pool of the account by ARN. */
export function userPools(account: AccountData): Array<[string, UserPoolFacts]> {
  return [...selfSignUp(account).values()].map((pool) => [pool.arn, pool]);
}

/** Self sign-up of every user pool of the account, by `<region>|<pool id>`. */
function selfSignUp(account: AccountData): Map<string, UserPoolFacts> {
  const out = new Map<string, UserPoolFacts>();
  for (const [region, data] of Object.entries(account.regions)) {
    for (const pool of data.CognitoUserPools?.UserPools ?? []) {
      const arn = pool.Arn ?? `arn:${account.partition}:cognito-idp:${region}:${account.accountId}:userpool/${pool.Id}`;
      // AWS's default is self sign-up allowed; DescribeUserPool always returns the setting.
      out.set(`${region}|${pool.Id}`, { arn, name: pool.Name ?? pool.Id, open: pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly !== true });
    }
  }
  return out;
}

/** Every identity pool of one account. */
export function identityPools(account: AccountData): IdentityPoolFacts[] {
  const pools = selfSignUp(account);
  const out: IdentityPoolFacts[] = [];
  for (const [region, data] of Object.entries(account.regions)) {
    for (const pool of data.CognitoIdentity?.IdentityPools ?? []) {
      const arn = `arn:${account.partition}:cognito-identity:${region}:${account.accountId}:identitypool/${pool.IdentityPoolId}`;
      const roles = pool.IdentityPoolRoles?.Roles ?? {};
      const mappings = pool.IdentityPoolRoles?.RoleMappings ?? {};
      const denies = (provider: string) => Object.entries(mappings).some(([key, m]) => key.startsWith(provider) && m.AmbiguousRoleResolution === 'Deny');
      const open: OpenProvider[] = [];
      (pool.CognitoIdentityProviders ?? []).forEach((p) => {
        const match = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([\w-]+_\w+)$/.exec(p.ProviderName ?? '');
        const userPool = match ? pools.get(`${match[1]}|${match[2]}`) : undefined;
        if (!userPool?.open) return;
        open.push({
          issuer: userPool.arn,
          label: `users of ${userPool.name}`,
          provider: p.ProviderName!,
          evidence: [configuration(arn, `CognitoIdentityProviders[${p.ProviderName}]`), configuration(userPool.arn, 'AdminCreateUserConfig.AllowAdminCreateUserOnly')],
          ...(denies(p.ProviderName!) ? { mappedOnly: true } : {}),
        });
      });
      for (const login of Object.keys(pool.SupportedLoginProviders ?? {}).sort()) {
        if (!SOCIAL_LOGINS.has(login)) continue;
        open.push({ issuer: login, label: `${login} accounts`, provider: login, evidence: [configuration(arn, `SupportedLoginProviders.${login}`)], ...(denies(login) ? { mappedOnly: true } : {}) });
      }
      out.push({
        id: pool.IdentityPoolId,
        arn,
        name: pool.IdentityPoolName ?? pool.IdentityPoolId,
        accountId: account.accountId,
        partition: account.partition,
        region,
        allowUnauthenticated: pool.AllowUnauthenticatedIdentities === true,
        classicFlow: pool.AllowClassicFlow === true,
        ...(roles['unauthenticated'] ? { unauthenticatedRole: roles['unauthenticated'] } : {}),
        ...(roles['authenticated'] ? { authenticatedRole: roles['authenticated'] } : {}),
        openProviders: open,
      });
    }
  }
  return out;
}

/** The ARN of a role session Cognito's enhanced flow hands out (its session name is fixed). */
export function guestSessionArn(role: Principal): string {
  return `arn:${role.partition}:sts::${role.accountId}:assumed-role/${role.name}/CognitoIdentityCredentials`;
}

/**
 * The guest sessions of unauthenticated roles that only the enhanced flow hands out: the role's
 * policies limited by Cognito's session policies. A pool that allows the basic flow hands out
 * the role itself, which the role's own node stands for.
 */
export function guestSessions(pools: readonly IdentityPoolFacts[], principalsByArn: ReadonlyMap<string, Principal>): Principal[] {
  const byRole = new Map<string, Principal>();
  for (const pool of pools) {
    const role = pool.allowUnauthenticated && pool.unauthenticatedRole ? principalsByArn.get(pool.unauthenticatedRole) : undefined;
    if (!role || pool.classicFlow) continue;
    const existing = byRole.get(role.arn);
    if (existing) {
      existing.session!.identityPools.push(pool.arn);
      continue;
    }
    const { trust: _trust, ...rest } = role;
    byRole.set(role.arn, { ...rest, arn: guestSessionArn(role), name: `${role.name} (Cognito guest)`, session: { policies: guestSessionPolicies(), role: role.arn, identityPools: [pool.arn] } });
  }
  return [...byRole.values()];
}
