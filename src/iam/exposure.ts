/**
 * Where an outside caller must stand for a request to succeed. A resource policy that grants
 * `*` only under `aws:SourceVpce`, `aws:SourceVpc`, `aws:VpcSourceIp` or an `aws:SourceIp` range
 * of private addresses is reachable from a network, not from the internet: the request is
 * evaluated again as a caller on the internet sends it (no VPC, no VPC endpoint, a public source
 * address; "AWS global condition context keys": these keys are present only for requests through
 * a VPC endpoint), and a grant that survives only the first evaluation is network-adjacent.
 */
import { evaluate } from './evaluate.js';
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
