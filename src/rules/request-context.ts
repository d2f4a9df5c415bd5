/**
 * The request-context vocabulary of technique actions (`context:` in rules/techniques): what the
 * attack's request carries for a condition key, normalized into a ContextRequirement the graph
 * hands to the evaluator (rules/README.md, "Request context").
 */
import { z } from 'zod';

/**
 * Named sets of values a technique's request can need, resolved by the graph from the snapshot:
 * - `admin-policy`: ARNs of managed policies that grant every action on every resource
 *   (arn:aws:iam::aws:policy/AdministratorAccess and the account's own such policies);
 * - `target-boundary`: the ARN of the target's permissions boundary (absent when it has none);
 * - `target-policy`: ARNs of the managed policies attached to the target.
 */
export const CONTEXT_SETS = ['admin-policy', 'target-boundary', 'target-policy'] as const;

/**
 * What an attack's request carries for one condition key (rules/README.md, "Request context"):
 * - `value`: exactly these values (a list of strings is short for it);
 * - `attackerChooses: true`: any value the attacker picks, optionally `like` a wildcard pattern;
 * - `mustMatch`: a value of a named set (CONTEXT_SETS) the attacker picks among;
 * - `absent: true`: the request leaves the key out.
 */
export type ContextRequirement =
  | { kind: 'value'; values: string[] }
  | { kind: 'chosen'; like: string }
  | { kind: 'set'; set: (typeof CONTEXT_SETS)[number] }
  | { kind: 'absent' };

const requirementForms = 'one of value, attackerChooses, mustMatch or absent';
const contextRequirement = z
  .preprocess(
    // A bare list is the original shorthand for `value`.
    (input) => (Array.isArray(input) ? { value: input } : input),
    z.strictObject({
      value: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
      attackerChooses: z.literal(true).optional(),
      like: z.string().min(1).optional(),
      mustMatch: z.enum(CONTEXT_SETS).optional(),
      absent: z.literal(true).optional(),
    }),
  )
  .superRefine((r, ctx) => {
    const forms = [r.value !== undefined, r.attackerChooses, r.mustMatch !== undefined, r.absent].filter(Boolean).length;
    if (forms !== 1) ctx.addIssue({ code: 'custom', message: `expected exactly ${requirementForms}` });
    if (r.like !== undefined && !r.attackerChooses) ctx.addIssue({ code: 'custom', path: ['like'], message: 'expected like only with attackerChooses: true' });
  })
  .transform((r): ContextRequirement => {
    if (r.value !== undefined) return { kind: 'value', values: typeof r.value === 'string' ? [r.value] : r.value };
    if (r.attackerChooses) return { kind: 'chosen', like: r.like ?? '*' };
    if (r.mustMatch !== undefined) return { kind: 'set', set: r.mustMatch };
    return { kind: 'absent' };
  });

// Keys checked after the record parses, so a bad key is named with this message, not zod's.
export const conditionContext = z.record(z.string(), contextRequirement).superRefine((record, ctx) => {
  for (const key of Object.keys(record)) {
    if (!/^[a-z0-9-]+:[A-Za-z0-9/._-]+$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'expected a condition key such as iam:PassedToService' });
  }
});

