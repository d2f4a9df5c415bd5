/**
 * The attacker as the evaluator sees it: a principal outside every account of the snapshot,
 * whose own account lets it call anything. Its grants never appear in provenance.
 */
import { compilePolicy, type CompiledPolicy } from '../../iam/index.js';

/** Identity policies of an outsider: the attacker controls its own account. Compiled once per build. */
export function outsiderIdentity(): CompiledPolicy[] {
  return [compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { kind: 'identity', id: 'blastpath:outsider' })];
}
