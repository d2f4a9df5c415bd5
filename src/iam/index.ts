/**
 * The IAM evaluator: compiles policy documents and answers "may this principal do this
 * action on this resource?" with a three-valued decision and the statements behind it.
 */
export * from './types.js';
export { compilePolicy } from './compile.js';
export { evaluate } from './evaluate.js';
export { mayAllowAction } from './action-index.js';
export { matchesPattern } from './pattern.js';
export { principalMatches } from './principal.js';
