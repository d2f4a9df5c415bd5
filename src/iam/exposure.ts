/**
 * Where an outside caller must stand for a request to succeed. A resource policy that grants
 * `*` only under `aws:SourceVpce`, `aws:SourceVpc`, `aws:VpcSourceIp` or an `aws:SourceIp` range
 * of private addresses is reachable from a network, not from the internet: the request is
 * evaluated again as a caller on the internet sends it (no VPC, no VPC endpoint, a public source
 * address; "AWS global condition context keys": these keys are present only for requests through
 * a VPC endpoint), and a grant that survives only the first evaluation is network-adjacent.
 */
import { evaluate } from './evaluate.js';
import { cidrContains, parseCidr, type Cidr } from './ip.js';
import { addressRepresentatives } from './ip-ranges.js';
import type { AccessRequest, ContextChoice, EvaluationResult, PolicySet } from './types.js';

/** `internet`: a caller on the internet gets in; `network-adjacent`: only one inside a network does; `none`: nobody does. */
export type NetworkExposure = 'internet' | 'network-adjacent' | 'none';

/**
 * The request as a caller on the internet sends it: the VPC keys absent, `aws:SourceIp` some
 * public address. Some, not any: a grant limited to a public range (an office) stays internet
 * exposure, and its range stays in the residual of the request as given.
 */
export function fromInternet(request: AccessRequest): AccessRequest {
  return { ...request, context: { ...request.context, ...INTERNET_CONTEXT }, choices: { ...request.choices, ...INTERNET_CHOICES } };
}

/** What a request from the internet carries: no VPC, no VPC endpoint, no VPC source address. */
export const INTERNET_CONTEXT: Readonly<Record<string, null>> = { 'aws:sourcevpc': null, 'aws:sourcevpce': null, 'aws:vpcsourceip': null };

/** What a caller on the internet picks: some public source address. */
export const INTERNET_CHOICES: Readonly<Record<string, ContextChoice>> = { 'aws:sourceip': { address: 'public' } };

/**
 * What a caller inside the network a grant names picks: the VPC, the endpoint and the address
 * (in any range a condition allows) the grant asks for.
 */
export const INSIDE_NETWORK_CHOICES: Readonly<Record<string, ContextChoice>> = {
  'aws:sourcevpc': { like: '*' },
  'aws:sourcevpce': { like: '*' },
  'aws:vpcsourceip': { like: '*' },
  'aws:sourceip': { like: '*' },
};

/**
 * Evaluates an outside caller's request and says where the caller must be: `decision` is the
 * request as given (network keys open), what an edge's residual shows.
 */
export function networkExposure(request: AccessRequest, policies: PolicySet): { exposure: NetworkExposure; decision: EvaluationResult } {
  const decision = evaluate(request, policies, { explain: false });
  if (decision.decision === 'denied') return { exposure: 'none', decision };
  const internet = evaluate(fromInternet(request), policies, { explain: false });
  return { exposure: internet.decision === 'denied' ? 'network-adjacent' : 'internet', decision };
}

/** CIDR blocks the policies compare `aws:SourceIp` with. */
function sourceIpBlocks(policies: PolicySet): Cidr[] {
  const all = [...policies.identity, ...(policies.resource ? [policies.resource] : [])];
  return all.flatMap((policy) =>
    policy.statements.flatMap((statement) => statement.conditions.filter((c) => c.key === 'aws:sourceip').flatMap((c) => c.values.flatMap((v) => parseCidr(v) ?? []))),
  );
}

/**
 * True when a request the internet can make succeeds only from some public addresses: an
 * allow-list of source ranges (an office, a partner's NAT). The attacker must send from one of
 * them, so the grant is not open to anyone on the internet. The question is asked of addresses
 * no range of the policies names, the rest of the internet (one per stretch of address space
 * they tell apart): a deny-list of a few ranges leaves those open, an allow-list does not.
 */
export function addressRestricted(request: AccessRequest, policies: PolicySet): boolean {
  const blocks = sourceIpBlocks(policies);
  if (!blocks.length) return false;
  const { choices, ...internet } = fromInternet(request);
  const { 'aws:sourceip': _chosen, ...otherChoices } = choices ?? {};
  const unnamed = addressRepresentatives(blocks, true).filter((address) => !blocks.some((block) => cidrContains(block, address)));
  for (const address of unnamed) {
    const probe: AccessRequest = { ...internet, context: { ...internet.context, 'aws:sourceip': [address] }, ...(Object.keys(otherChoices).length ? { choices: otherChoices } : {}) };
    if (evaluate(probe, policies, { explain: false }).decision === 'denied') return true;
  }
  return false;
}
