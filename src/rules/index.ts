/**
 * The rules stage's one entry point: load and validate a rules directory, and the rule types
 * the graph and analysis read.
 */
export { BUNDLED_RULES_DIR, loadRules } from './load.js';
export {
  ACTION_TARGETS,
  POSTURE_CHECKS,
  PRECONDITIONS,
  REMEDIATION_KINDS,
  RESOURCE_USES,
  TECHNIQUE_GAINS,
  TECHNIQUE_RELATIONS,
  TEMPLATE_TARGETS,
  WORKLOAD_KINDS,
  type EntryPointRule,
  type PostureCheck,
  type PostureRule,
  type ResourceAccessRules,
  type RuleSet,
  type ScoringRules,
  type SensitivityRule,
  type TechniqueRelation,
  type TechniqueRule,
} from './schema.js';
export { CONTEXT_SETS, type ContextRequirement } from './request-context.js';
