/**
 * The attacker as the evaluator sees it: a principal outside every account of the snapshot,
 * whose own account lets it call anything. Its grants never appear in provenance.
 */
import { compilePolicy, type CompiledPolicy } from '../../iam/index.js';
import type { OtherCaller } from '../decide.js';
import type { EvaluationEnvironment } from '../facts/index.js';

/** Identity policies of an outsider: the attacker controls its own account. Compiled once per build. */
export function outsiderIdentity(): CompiledPolicy[] {
  return [compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { kind: 'identity', id: 'blastpath:outsider' })];
}

/** The request principal of anyone on the internet: the same object for every question of a build. */
const ANONYMOUS = { arn: '*', type: 'anonymous' } as const;

/**
 * An unauthenticated caller as decide() takes it: no identity policy, and the build's
 * environment, so its requests are decided as of the analysis time, with the attacker's choices,
 * the resource's tags and the RCPs of the resource's account, like every other decision.
 */
export function anonymousCaller(environment: EvaluationEnvironment): OtherCaller {
  return { request: ANONYMOUS, identity: [], environment };
}
