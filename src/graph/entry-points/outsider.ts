/**
 * The attacker as the evaluator sees it: a principal outside every account of the snapshot,
 * whose own account lets it call anything. Its grants never appear in provenance.
 */
import { compilePolicy, type CompiledPolicy } from '../../iam/index.js';

let outsiderPolicies: CompiledPolicy[] | undefined;

/** Identity policies of an outsider: the attacker controls its own account. */
export function outsiderIdentity(): CompiledPolicy[] {
  outsiderPolicies ??= [
    compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { kind: 'identity', id: 'blastpath:outsider' }),
  ];
  return outsiderPolicies;
}
