/** The trust policy a caller writes with iam:UpdateAssumeRolePolicy: its own ARN, nothing else. */
import { compilePolicy, type CompiledPolicy } from '../../iam/index.js';
import type { Principal } from '../inventory/index.js';

const cache = new WeakMap<Principal, CompiledPolicy>();

/**
 * Same account and naming the caller's ARN, so the trust alone allows sts:AssumeRole; a deny
 * in the caller's policies, boundary or SCPs still applies. The `blastpath:` id keeps this
 * synthetic policy out of provenance.
 */
export function trustNaming(caller: Principal): CompiledPolicy {
  let policy = cache.get(caller);
  if (!policy) {
    policy = compilePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: caller.arn }, Action: 'sts:AssumeRole' }] },
      { kind: 'trust', id: 'blastpath:rewritten-trust' },
    );
    cache.set(caller, policy);
  }
  return policy;
}
