/**
 * The keys path analysis lets the attacker pick on every request (AccessRequest.choices): the
 * region of a request nothing else fixes, and a user's credentials (long-term keys, or a session
 * token obtained at the analysis time); a technique's declared context adds its own. Built once
 * per build (remembered in the evaluation environment) and per technique request, since
 * decide() runs for every edge of a build.
 */
import type { ContextChoice } from '../iam/index.js';
import type { EvaluationEnvironment } from './facts/environment.js';

/**
 * The region of a request that no resource ARN or global endpoint fixes: an SCP region guardrail
 * then leaves the attacker a region it allows (docs/iam-evaluation.md).
 */
export const ATTACKER_CHOICES: Readonly<Record<string, ContextChoice>> = { 'aws:requestedregion': { like: '*' } };

/** ATTACKER_CHOICES, plus aws:TokenIssueTime of a user's request when the analysis time is known (a role's is a fact). */
export function attackerChoices(env: EvaluationEnvironment | undefined): Readonly<Record<string, ContextChoice>> {
  if (!env?.at) return ATTACKER_CHOICES;
  return (env.attackerChoices ??= { ...ATTACKER_CHOICES, 'aws:tokenissuetime': { values: [null, env.at] } });
}

/** The attacker's choices plus a question's own, built once per pair of objects and build. */
export function choicesOf(env: EvaluationEnvironment | undefined, base: Readonly<Record<string, ContextChoice>>, extra: Readonly<Record<string, ContextChoice>> | undefined): Readonly<Record<string, ContextChoice>> {
  if (!extra) return base;
  if (!env) return { ...base, ...extra };
  let byExtra = env.mergedChoices.get(base);
  if (!byExtra) env.mergedChoices.set(base, (byExtra = new WeakMap()));
  let found = byExtra.get(extra);
  if (!found) byExtra.set(extra, (found = { ...base, ...extra }));
  return found;
}
