/** Principals and workloads the user declares compromised (`--from`): what could an attacker holding them reach? */
import { InputError } from '../../core/errors.js';
import { NODE_KIND_ROLES } from '../../kinds.js';
import { detection, type Detector } from './detector.js';

/** One entry per `--from` ARN; an ARN that is no user, role or workload of the snapshot is an input error. */
export const whatIf: Detector = (scope, rule) => {
  const found = detection(scope);
  const { facts } = scope;
  for (const arn of scope.whatIf) {
    const kind = facts.principalsByArn.get(arn)?.kind ?? facts.resourcesByArn.get(arn)?.kind;
    const role = kind ? NODE_KIND_ROLES[kind] : undefined;
    if (role !== 'principal' && role !== 'workload') throw new InputError('--from', `${arn} is not a user, role or workload in the snapshot`);
    found.entries.push({ node: arn, entryPoint: rule.id });
  }
  return found;
};
