/**
 * IRSA roles any pod of a cluster can become: the role's trust admits tokens of the cluster's
 * OIDC issuer for any service account, or for any service account of a namespace (kubernetes/
 * irsa.ts decides, claim by claim). The attacker must first run code in the cluster, so the hop
 * starts from the cluster's node (`code running in cluster X`), never from the internet; a trust
 * pinned to one service account is the intended setup and no entry (the cluster's admin still
 * reaches it, kubernetes/index.ts).
 */
import { hopConfidence } from '../confidence.js';
import { residualClauses } from '../decide.js';
import { bindingProvenance } from '../kubernetes/index.js';
import { ASSUME_TECHNIQUE } from '../assume.js';
import { detection, type Detector } from './detector.js';

/** The exposure class of a trust open to one namespace's pods (rules/scoring.yaml). */
const IN_NAMESPACE = 'code-in-namespace';

/** cluster -> role can-assume hops for IRSA trusts open to the cluster's pods. */
export const eksIrsaAnyServiceAccount: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const binding of scope.kubernetes.serviceAccounts) {
    if (binding.via !== 'irsa' || binding.scope === 'service-account') continue;
    const conditional = binding.result.decision === 'conditional';
    found.nodes.push([binding.source, binding.sourceAttrs]);
    found.edges.put(binding.source, binding.role.arn, {
      kind: 'can-assume',
      technique: ASSUME_TECHNIQUE,
      entryPoint: rule.id,
      actions: binding.actions,
      provenance: bindingProvenance(binding),
      conditional,
      confidence: hopConfidence(scope.rules.scoring, { conditional }),
      ...(conditional ? { residual: residualClauses(binding.result) } : {}),
      detail: binding.detail,
      // One namespace's pods are fewer doors than the whole cluster's.
      ...(binding.scope === 'namespace' ? { exposure: IN_NAMESPACE } : {}),
    });
    found.entries.push({ node: binding.source, entryPoint: rule.id });
  }
  return found;
};
