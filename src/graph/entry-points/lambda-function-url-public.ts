/**
 * Internet exposure through Lambda function URLs. `AuthType: NONE` skips authentication but the
 * function's resource policy still has to let `*` call lambda:InvokeFunctionUrl; since October
 * 2025 new URLs also need lambda:InvokeFunction. A URL whose policy grants only the first is
 * kept as a conditional hop, because it works only where AWS still honours older URLs.
 */
import { hopConfidence } from '../confidence.js';
import { decide, provenanceOf, residualClauses, type OtherCaller } from '../decide.js';
import type { Resource } from '../facts/index.js';
import { nodeIds } from '../schema.js';
import { detection, type Detector } from './detector.js';
import { anonymousCaller } from './outsider.js';

/** What a request through a URL without authentication carries. */
const VIA_PUBLIC_URL = { 'lambda:functionurlauthtype': ['NONE'], 'lambda:invokedviafunctionurl': ['true'] };

function publicDecision(caller: OtherCaller, fn: Resource, action: string, qualifiedArn: string) {
  return decide({ caller, action, resource: qualifiedArn, resourceAccount: fn.accountId, ...(fn.policy ? { resourcePolicy: fn.policy } : {}), mode: 'required', context: VIA_PUBLIC_URL });
}

/** internet -> function exposure edges for public function URLs. */
export const lambdaFunctionUrlPublic: Detector = (scope, rule) => {
  const found = detection(scope);
  const caller = anonymousCaller(scope.facts.environment);
  for (const fn of scope.facts.resourcesByKind.get('lambda-function') ?? []) {
    for (const url of fn.functionUrls ?? []) {
      if (url.authType !== 'NONE' || !fn.policy) continue;
      const viaUrl = publicDecision(caller, fn, 'lambda:InvokeFunctionUrl', url.qualifiedArn);
      if (viaUrl.decision === 'denied') continue;
      const invoke = publicDecision(caller, fn, 'lambda:InvokeFunction', url.qualifiedArn);
      const legacyOnly = invoke.decision === 'denied';
      const conditional = viaUrl.decision === 'conditional' || invoke.decision === 'conditional' || legacyOnly;
      found.nodes.push([nodeIds.internet, { kind: 'internet', label: 'internet' }]);
      found.edges.put(nodeIds.internet, fn.arn, {
        kind: 'exposure',
        entryPoint: rule.id,
        actions: legacyOnly ? ['lambda:InvokeFunctionUrl'] : ['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl'],
        provenance: [
          { policy: fn.arn, policyKind: 'configuration', field: 'FunctionUrlConfigs[].AuthType', conditionKeys: [] },
          ...provenanceOf(viaUrl, 'lambda:InvokeFunctionUrl', url.qualifiedArn),
          ...(legacyOnly ? [] : provenanceOf(invoke, 'lambda:InvokeFunction', url.qualifiedArn)),
        ],
        conditional,
        // The attacker drives the code but does not control it: a code-bounded hop.
        confidence: hopConfidence(scope.rules.scoring, { conditional, codeBounded: true }),
        ...(conditional
          ? {
              residual: [
                ...residualClauses(viaUrl),
                ...residualClauses(invoke),
                ...(legacyOnly ? ['URL created before October 2025 (policy grants lambda:InvokeFunctionUrl but not lambda:InvokeFunction)'] : []),
              ],
            }
          : {}),
        detail: { url: url.url, authType: url.authType },
      });
      found.entries.push({ node: nodeIds.internet, entryPoint: rule.id });
    }
  }
  return found;
};
