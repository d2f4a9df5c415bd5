/**
 * Preconditions: facts about a technique's target that are not permissions, read from the facts
 * layer. What the snapshot does not show counts as met, so a missing collection never hides an
 * edge (the coverage gap says what was not seen). One entry per precondition of the rules
 * schema: what it is about, and how it is checked.
 */
import { mayAllowAction } from '../../iam/index.js';
import type { PRECONDITIONS } from '../../rules/index.js';
import { reachableFromContainers, type Facts } from '../facts/index.js';
import type { Candidate } from './model.js';
import type { TechniqueRun } from './relation.js';

type Precondition = (typeof PRECONDITIONS)[number];

/** A precondition: whether it is about the principal gained or the workload used, and its check. */
interface Check {
  about: 'principal' | 'workload';
  meets(facts: Facts, candidate: Candidate): boolean;
}

/** The registry of preconditions. */
const CHECKS = {
  'target-below-key-limit': {
    about: 'principal',
    meets: (facts, { target }) => {
      const user = target.principal;
      if (!user || !facts.iam.keysKnown.has(user.accountId)) return true;
      return (facts.iam.keyCounts.get(user.arn) ?? 0) < 2;
    },
  },
  'role-in-instance-profile': {
    about: 'principal',
    meets: (facts, { target }) => target.principal !== undefined && facts.iam.rolesWithProfile.has(target.principal.arn),
  },
  'studio-iam-auth': {
    about: 'workload',
    meets: (_facts, { target }) => target.workload?.authMode === undefined || target.workload.authMode === 'IAM',
  },
  'instance-running': {
    about: 'workload',
    meets: (_facts, { target }) => target.workload?.state === undefined || target.workload.state === 'running',
  },
  'instance-ssm-managed': {
    about: 'workload',
    meets: (facts, { target }) => {
      const role = target.workload?.role ? facts.principalsByArn.get(target.workload.role.arn) : undefined;
      return role !== undefined && mayAllowAction(role.identity, 'ssm:UpdateInstanceInformation');
    },
  },
  'has-lifecycle-config': {
    about: 'workload',
    meets: (_facts, { target }) => target.workload?.lifecycleConfigArn !== undefined,
  },
  'cluster-api-auth': {
    about: 'workload',
    meets: (_facts, { target }) => target.workload?.authMode === undefined || target.workload.authMode === 'API' || target.workload.authMode === 'API_AND_CONFIG_MAP',
  },
  'imds-reachable-from-tasks': {
    about: 'workload',
    meets: (_facts, { target }) => reachableFromContainers(target.workload?.imds ?? 'unknown') !== false,
  },
} satisfies Record<Precondition, Check>;

/** True when the candidate meets every precondition given. */
export function meetsAll(run: TechniqueRun, preconditions: readonly Precondition[], candidate: Candidate): boolean {
  return preconditions.every((p) => CHECKS[p].meets(run.facts, candidate));
}

/** The preconditions of a list that are about the workload (checked before a role is chosen). */
export function aboutWorkload(preconditions: readonly Precondition[]): Precondition[] {
  return preconditions.filter((p) => CHECKS[p].about === 'workload');
}
