/** The trust policy a caller writes with iam:UpdateAssumeRolePolicy: its own ARN, nothing else. */
import { compilePolicy, type CompiledPolicy } from '../../iam/index.js';
import type { Principal } from '../facts/index.js';
import type { TechniqueRun } from './relation.js';

/**
 * Same account and naming the caller's ARN, so the trust alone allows sts:AssumeRole; a deny
 * in the caller's policies, boundary or SCPs still applies. The `blastpath:` id keeps this
 * synthetic policy out of provenance. Compiled once per caller and run.
 */
export function trustNaming(run: TechniqueRun, caller: Principal): CompiledPolicy {
  let policy = run.rewrittenTrust.get(caller);
  if (!policy) {
    policy = compilePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: caller.arn }, Action: 'sts:AssumeRole' }] },
      { kind: 'trust', id: 'blastpath:rewritten-trust' },
    );
    run.rewrittenTrust.set(caller, policy);
  }
  return policy;
}
