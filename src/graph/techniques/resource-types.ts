/**
 * Which resources an action can act on at all, from the resource types the Service
 * Authorization Reference lists for it (the action catalog): iam:AttachUserPolicy acts on users,
 * iam:AttachRolePolicy on roles. A policy allowing it on `*` does not make a role's ARN a user:
 * the API names the user, and a role by that name is no user. Techniques on the caller itself
 * ask this before the evaluator, so a user technique applies to users and a role one to roles.
 */
import { catalogAction, compileArnPattern } from '../../iam/index.js';
import type { TechniqueRun } from './relation.js';

/** ARN patterns of the action's resource types; undefined when any resource goes (no type, or a type without a pattern). */
function patternsOf(action: string): string[] | undefined {
  const found = catalogAction(action);
  if (!found || found.wildcardOnly) return undefined;
  const patterns = found.resourceTypes.map((t) => t.arnPattern);
  return patterns.every((p): p is string => p !== undefined) ? patterns : undefined;
}

/** True when `arn` is of a resource type the action acts on (or the catalog cannot tell). */
export function actsOn(run: TechniqueRun, action: string, arn: string): boolean {
  const patterns = run.cached(`resource-types|${action.toLowerCase()}`, () => patternsOf(action) ?? null);
  return patterns === null || patterns.some((pattern) => compileArnPattern(pattern)(arn));
}
