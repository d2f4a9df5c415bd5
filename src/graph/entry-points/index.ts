/**
 * Entry points: where an outside attacker gets a foothold. Each rule in rules/entry-points names
 * a detector of this registry (one module each); every enabled rule's detector runs once, in
 * rule order, and the step returns what they found: entries, outsiders' nodes, first hops.
 */
import { InputError, RuleError } from '../../core/errors.js';
import type { EntryPointRule, RuleSet } from '../../rules/index.js';
import type { EdgeSet, NodeSpec, ProvenanceKeys } from '../edges.js';
import type { Facts } from '../facts/index.js';
import type { KubernetesBindings } from '../kubernetes/index.js';
import type { CrownJewel } from '../sensitivity.js';
import { artifactWritableFromOutside } from './artifact-writable-from-outside.js';
import type { Detection, Detector, EntryRecord, EntryScope } from './detector.js';
import { apprunnerServicePublic } from './apprunner-service-public.js';
import { cognitoGuestAccess } from './cognito-guest-access.js';
import { cognitoSelfSignup } from './cognito-self-signup.js';
import { credentialInConfiguration } from './credential-in-configuration.js';
import { ec2InstancePublicFoothold } from './ec2-instance-public-foothold.js';
import { ecsServicePublicFoothold } from './ecs-service-public-foothold.js';
import { eksIrsaAnyServiceAccount } from './eks-irsa-any-service-account.js';
import { eksNodeRoleFromPods } from './eks-node-role-from-pods.js';
import { frontDoorAuthorizer } from './front-door-authorizer.js';
import { frontDoorOpen } from './front-door-open.js';
import { frontDoorResourcePolicy } from './front-door-resource-policy.js';
import { iamUserAccessKey } from './iam-user-access-key.js';
import { iamUserBedrockApiKey } from './iam-user-bedrock-api-key.js';
import { lambdaFunctionUrlPublic } from './lambda-function-url-public.js';
import { oidcTrustWithoutSubject } from './oidc-trust-without-subject.js';
import { outsiderIdentity } from './outsider.js';
import { resourcePolicyPublic } from './resource-policy-public.js';
import { roleTrustsAnyone } from './role-trusts-anyone.js';
import { roleTrustsExternalAccount } from './role-trusts-external-account.js';
import { whatIf } from './what-if.js';

export type { Detection, Detector, EntryRecord, EntryScope } from './detector.js';
export { ASSUME_TECHNIQUE } from './trust-hop.js';

/** The registry: one detector per name an entry-point rule's `detector` field may use. */
const DETECTORS = {
  'artifact-writable-from-outside': artifactWritableFromOutside,
  'apprunner-service-public': apprunnerServicePublic,
  'cognito-guest-access': cognitoGuestAccess,
  'cognito-self-signup': cognitoSelfSignup,
  'credential-in-configuration': credentialInConfiguration,
  'ec2-instance-public-foothold': ec2InstancePublicFoothold,
  'ecs-service-public-foothold': ecsServicePublicFoothold,
  'eks-irsa-any-service-account': eksIrsaAnyServiceAccount,
  'eks-node-role-from-pods': eksNodeRoleFromPods,
  'front-door-authorizer': frontDoorAuthorizer,
  'front-door-open': frontDoorOpen,
  'front-door-resource-policy': frontDoorResourcePolicy,
  'iam-user-access-key': iamUserAccessKey,
  'iam-user-bedrock-api-key': iamUserBedrockApiKey,
  'lambda-function-url-public': lambdaFunctionUrlPublic,
  'oidc-trust-without-subject': oidcTrustWithoutSubject,
  'resource-policy-public': resourcePolicyPublic,
  'role-trusts-anyone': roleTrustsAnyone,
  'role-trusts-external-account': roleTrustsExternalAccount,
  'what-if': whatIf,
} satisfies Record<string, Detector>;

/** Names of the registered detectors. */
export type EntryDetector = keyof typeof DETECTORS;
export const ENTRY_DETECTORS = Object.keys(DETECTORS) as EntryDetector[];

function isDetector(name: string): name is EntryDetector {
  return Object.hasOwn(DETECTORS, name);
}

/**
 * A detector gives an entry a class its rule does not declare only when the rules directory
 * lags behind the detector (a user's `--rules`): name the rule and the missing class.
 */
function checkExposures(rule: EntryPointRule, detection: Detection): void {
  const declared = new Set([rule.exposure, ...rule.exposures]);
  const used = [...detection.entries.map((e) => e.exposure), ...[...detection.edges].map(([, e]) => e.attrs.exposure)];
  const missing = used.find((name) => name !== undefined && !declared.has(name));
  if (missing) throw new RuleError(`entry-points/${rule.id}.yaml`, 'exposures', `to list "${missing}": detector ${rule.detector} gives it to some entries`);
}

/** Options the user controls. */
export interface EntryOptions {
  /** ARNs the user declares compromised (`--from`). */
  whatIf?: string[];
}

/** What the entry-point step found. */
export interface EntryPoints {
  entries: EntryRecord[];
  nodes: NodeSpec[];
  /** First hops, one set per detector that ran. */
  edges: EdgeSet[];
}

/** Runs the detector of every enabled entry-point rule; a rule naming no registered detector is a rule error. */
export function detectEntryPoints(
  facts: Facts,
  rules: RuleSet,
  input: { jewels: ReadonlyMap<string, CrownJewel>; options: EntryOptions; kubernetes: KubernetesBindings },
  keys: ProvenanceKeys,
): EntryPoints {
  const scope: EntryScope = { facts, rules, jewels: input.jewels, whatIf: input.options.whatIf ?? [], outsider: outsiderIdentity(), kubernetes: input.kubernetes, keys };
  const found: EntryPoints = { entries: [], nodes: [], edges: [] };
  const ran = new Set<string>();
  for (const rule of rules.entryPoints) {
    if (!isDetector(rule.detector)) throw new RuleError(`entry-points/${rule.id}.yaml`, 'detector', `one of ${ENTRY_DETECTORS.join(', ')}, found "${rule.detector}"`);
    if (rule.deprecated) continue;
    const detection = DETECTORS[rule.detector](scope, rule);
    checkExposures(rule, detection);
    found.entries.push(...detection.entries);
    found.nodes.push(...detection.nodes);
    found.edges.push(detection.edges);
    ran.add(rule.detector);
  }
  if (scope.whatIf.length && !ran.has('what-if')) throw new InputError('--from', 'the rules enable no what-if entry point (rules/entry-points/what-if.yaml)');
  return found;
}
