/** The technique every hop through a role's trust policy is drawn as (rules/techniques/sts-assume-role.yaml): entry points' first hops, service-account bindings. */
export const ASSUME_TECHNIQUE = 'sts-assume-role';
