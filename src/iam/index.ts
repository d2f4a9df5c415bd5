/**
 * The IAM evaluator: compiles policy documents and answers "may this principal do this
 * action on this resource?" with a three-valued decision and the statements behind it, plus
 * the action catalog it reads AWS's action list from.
 */
export * from './types.js';
export { compilePolicy } from './compile.js';
export { PolicyPool } from './policy-pool.js';
export { actionMatches, coversAction } from './statement.js';
export { statementHash } from './statement-hash.js';
export { evaluate } from './evaluate.js';
export { classStatements, matchOf, policyActsOn, resourceClass, resourceScope, resourceSpec, varyingStatements } from './resource-class.js';
export { mayAllowAction, mayAllowService, statementsForService } from './action-index.js';
export { compileArnPattern, compileGlob, matchesPattern, type Matcher } from './pattern.js';
export { BY_ACCOUNT, NOT_NAMED, principalMatch, principalMatches, type PrincipalMatch } from './principal.js';
export { isPublicPolicy } from './public-policy.js';
export { addressRestricted, fromInternet, INSIDE_NETWORK_CHOICES, INTERNET_CHOICES, INTERNET_CONTEXT, networkExposure, type NetworkExposure } from './exposure.js';
export { isCallerSetKey } from './request-keys.js';
export { fixedRegion, regionIsChosen } from './derived.js';
export { renderResidual } from './residual.js';
export { explainDecision, type Explanation, type ExplainedStatement } from './explain.js';
export { catalogAction, catalogServices, catalogVersion, isCatalogAction, serviceActions, supportsRcp, type CatalogAction, type CatalogResourceType } from './catalog.js';
export { ACCESS_LEVELS, normalizeAccessLevel, type AccessLevel } from './access-level.js';
export { actionsOutside, allowsEveryAction, expandActions } from './expand.js';
