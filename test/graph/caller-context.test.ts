/**
 * Request contexts are built by assignment (src/graph/decide.ts): a context spread from
 * ATTACKER_CHOSEN and then given a caller's tag keys cost V8 about ten times as much, once per
 * caller and resource account. The context must stay what the spreads made, key order
 * included (a key written again keeps its first place): the spread-built definition is
 * written out here and compared, as JSON, for every principal of the demo and a generated
 * organization against every account of it, an account outside it and none, and for callers
 * of every other kind (anonymous, a service, an account root, a federated provider, a user
 * whose tag keys are mixed-case or look like numbers).
 */
import { describe, expect, it } from 'vitest';
import { ATTACKER_CHOSEN, prepared, type OtherCaller } from '../../src/graph/decide.js';
import type { EvaluationEnvironment } from '../../src/graph/facts/environment.js';
import { buildFacts, type Principal } from '../../src/graph/facts/index.js';
import type { RequestPrincipal } from '../../src/iam/index.js';
import { demoAndOrganization } from '../support/demo-and-organization.js';

const inputs = demoAndOrganization('caller-context', 120, (input) => buildFacts(input));

/** The contexts as decide.ts built them with spreads (main `6c1b6e0`). */
function spreadCallerContext(principal: RequestPrincipal): Record<string, string[] | null> {
  if (principal.type === 'anonymous') return { ...ATTACKER_CHOSEN, 'aws:principalarn': null, 'aws:principalaccount': null, 'aws:principalorgid': null, 'aws:principalisawsservice': ['false'], 'aws:username': null };
  if (principal.type === 'service') return { ...ATTACKER_CHOSEN, 'aws:principalisawsservice': ['true'], 'aws:principalservicename': [principal.arn] };
  if (principal.type !== 'user' && principal.type !== 'role') return { ...ATTACKER_CHOSEN };
  const context: Record<string, string[] | null> = {
    ...ATTACKER_CHOSEN,
    'aws:principalarn': [principal.arn],
    'aws:principalaccount': principal.accountId ? [principal.accountId] : null,
    'aws:principaltype': [principal.type === 'user' ? 'User' : 'AssumedRole'],
    'aws:principalisawsservice': ['false'],
    'aws:username': principal.type === 'user' ? [principal.arn.split('/').pop()!] : null,
  };
  for (const [key, value] of Object.entries(principal.tags ?? {})) context[`aws:principaltag/${key.toLowerCase()}`] = [value];
  return context;
}

function spreadContext(env: EvaluationEnvironment | undefined, caller: RequestPrincipal, resourceAccount: string | undefined): Record<string, string[] | null> {
  const org = env?.organization;
  const organization: Record<string, string[] | null> = {};
  if (org) {
    if (caller.accountId && (caller.type === 'user' || caller.type === 'role' || caller.type === 'account')) {
      const member = org.has(caller.accountId);
      organization['aws:principalorgid'] = member ? [org.id] : null;
      organization['aws:principalorgpaths'] = member ? [org.orgPath(caller.accountId)!] : null;
    }
    if (resourceAccount) {
      const member = org.has(resourceAccount);
      organization['aws:resourceorgid'] = member ? [org.id] : null;
      organization['aws:resourceorgpaths'] = member ? [org.orgPath(resourceAccount)!] : null;
    }
  }
  return { ...spreadCallerContext(caller), ...organization, ...(resourceAccount ? { 'aws:resourceaccount': [resourceAccount] } : {}) };
}

/** Callers of every other kind, sharing a principal's environment (its organization). */
function otherCallers(principal: Principal): OtherCaller[] {
  const accountId = principal.accountId;
  const requests: RequestPrincipal[] = [
    { arn: '*', type: 'anonymous' },
    { arn: 'lambda.amazonaws.com', type: 'service' },
    { arn: `arn:aws:iam::${accountId}:root`, type: 'account', accountId },
    { arn: 'arn:aws:iam::999999999999:root', type: 'account', accountId: '999999999999' },
    { arn: `arn:aws:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`, type: 'federated', accountId },
    { arn: `arn:aws:iam::${accountId}:user/ops/Dana`, type: 'user', accountId, tags: { Team: 'Red', 'Cost-Center': '17', '7': 'seven', team: 'lower' } },
    { arn: `arn:aws:iam::${accountId}:role/NoAccount`, type: 'role' },
  ];
  return requests.map((request) => ({ request, identity: principal.identity, ...(principal.environment ? { environment: principal.environment } : {}) }));
}

describe('request contexts built by assignment', () => {
  for (const name of ['demo', 'organization']) {
    it(`equal the spread-built contexts, key order included (${name})`, () => {
      const facts = inputs[name]!;
      const accounts = [...facts.accounts.keys(), '999999999999', undefined];
      const callers: Array<Principal | OtherCaller> = [...facts.principals, ...otherCallers(facts.principals[0]!)];
      let tagged = 0;
      let inOrganization = 0;
      for (const caller of callers) {
        if (Object.keys(caller.request.tags ?? {}).length) tagged++;
        for (const resourceAccount of accounts) {
          const question = { caller, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', ...(resourceAccount ? { resourceAccount } : {}) };
          // Twice: the second answer comes from the environment's memory.
          for (let round = 0; round < 2; round++) {
            const context = prepared(question).request.context ?? {};
            expect(JSON.stringify(context), `${caller.request.arn} ${resourceAccount}`).toBe(JSON.stringify(spreadContext(caller.environment, caller.request, resourceAccount)));
            if (context['aws:resourceorgid']) inOrganization++;
          }
        }
      }
      expect(tagged).toBeGreaterThan(0);
      if (name === 'organization') expect(inOrganization).toBeGreaterThan(0);
    });
  }
});
