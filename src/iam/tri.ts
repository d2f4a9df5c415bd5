/**
 * Three-valued logic for evaluation: a statement applies, does not apply, or applies only if
 * conditions the snapshot cannot decide hold. Numbers ordered no < maybe < yes make AND the
 * minimum and OR the maximum, so combining results is a comparison, not a table.
 */

/** No, maybe (undecidable from what we know), yes. */
export type Tri = 0 | 1 | 2;

/** Definitely not. */
export const NO: Tri = 0;
/** Depends on something the request context does not say. */
export const MAYBE: Tri = 1;
/** Definitely. */
export const YES: Tri = 2;

/** Three-valued NOT: maybe stays maybe. */
export function not3(a: Tri): Tri {
  return (2 - a) as Tri;
}
