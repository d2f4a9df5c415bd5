/**
 * Checks that span more than one field or file, which the zod schemas cannot express: ids equal
 * file names, ids and aliases are unique, impact classes exist, ARN templates use known
 * placeholders. Each throws a RuleError on the first problem.
 */
import { RuleError } from '../core/errors.js';
import { idFromFile } from './read-file.js';
import { TEMPLATE_TARGETS, type EntryPointRule, type ResourceAccessRules, type ScoringRules, type SensitivityRule, type TechniqueRule } from './schema.js';

/** A parsed rule and the file it came from (relative to the rules directory). */
export interface Loaded<R> {
  file: string;
  rule: R;
}

type Identified = { id: string; aliases: string[] };

/** Every rule's `id` equals its file name, so the file can be found from a finding. */
export function checkIdsMatchFiles(entries: ReadonlyArray<Loaded<Identified>>): void {
  for (const { file, rule } of entries) {
    const expected = idFromFile(file);
    if (rule.id !== expected) throw new RuleError(file, 'id', `"${expected}" (the file name), found "${rule.id}"`);
  }
}

/**
 * Ids and aliases share one namespace per rule kind: baselines and suppressions may name either,
 * so one name must never point at two rules.
 */
export function checkUniqueNames(entries: ReadonlyArray<Loaded<Identified>>): void {
  const owner = new Map<string, string>();
  const claim = (name: string, file: string, field: string): void => {
    const previous = owner.get(name);
    if (previous !== undefined) throw new RuleError(file, field, `a unique name; "${name}" is already used by ${previous}`);
    owner.set(name, file);
  };
  for (const { file, rule } of entries) claim(rule.id, file, 'id');
  for (const { file, rule } of entries) rule.aliases.forEach((alias, i) => claim(alias, file, `aliases[${i}]`));
}

/** One entry-point rule per detector, so a detector knows its exposure without ambiguity. */
export function checkUniqueDetectors(entries: ReadonlyArray<Loaded<EntryPointRule>>): void {
  const owner = new Map<string, string>();
  for (const { file, rule } of entries) {
    const previous = owner.get(rule.detector);
    if (previous !== undefined) throw new RuleError(file, 'detector', `a detector no other rule uses; ${previous} already uses "${rule.detector}"`);
    owner.set(rule.detector, file);
  }
}

/** Entry-point rules name exposure classes that scoring.yaml weighs, each once. */
export function checkExposureClasses(entries: ReadonlyArray<Loaded<EntryPointRule>>, scoring: ScoringRules): void {
  const classes = Object.keys(scoring.exposureClasses).sort();
  const known = (name: string) => Object.hasOwn(scoring.exposureClasses, name);
  const expected = (name: string) => `an exposure class from scoring.yaml (${classes.join(', ')}), found "${name}"`;
  for (const { file, rule } of entries) {
    if (!known(rule.exposure)) throw new RuleError(file, 'exposure', expected(rule.exposure));
    const seen = new Set([rule.exposure]);
    rule.exposures.forEach((name, i) => {
      if (!known(name)) throw new RuleError(file, `exposures[${i}]`, expected(name));
      if (seen.has(name)) throw new RuleError(file, `exposures[${i}]`, `a class not already named by exposure or exposures, found "${name}" again`);
      seen.add(name);
    });
  }
}

/** Sensitivity rules name impact classes that scoring.yaml weighs, and name patterns that compile. */
export function checkSensitivity(entries: ReadonlyArray<Loaded<SensitivityRule>>, scoring: ScoringRules): void {
  const classes = Object.keys(scoring.impactClasses).sort();
  for (const { file, rule } of entries) {
    for (const [access, impact] of Object.entries(rule.impacts)) {
      if (impact !== undefined && !(impact in scoring.impactClasses)) {
        throw new RuleError(file, `impacts.${access}`, `an impact class from scoring.yaml (${classes.join(', ')}), found "${impact}"`);
      }
    }
    const pattern = rule.match.namePattern;
    if (pattern !== undefined && !compiles(pattern)) throw new RuleError(file, 'match.namePattern', 'a valid regular expression');
  }
}

const TECHNIQUE_PLACEHOLDERS = new Set(['{partition}', '{region}', '{account}', '{resource-id}']);

/** ARN templates (new-resource, named-resource) use only the placeholders the graph fills in. */
export function checkTechniqueTemplates(entries: ReadonlyArray<Loaded<TechniqueRule>>): void {
  for (const { file, rule } of entries) {
    rule.actions.forEach((a, i) => {
      if (a.arn === undefined) return;
      const field = `actions[${i}].arn`;
      if (!TEMPLATE_TARGETS.has(a.on)) throw new RuleError(file, field, 'no arn: only new-resource and named-resource actions take an ARN template');
      // `*` names the resource of actions without resource-level permissions (ecr:GetAuthorizationToken).
      if (a.on === 'named-resource' && a.arn === '*') return;
      if (!a.arn.startsWith('arn:{partition}:')) throw new RuleError(file, field, 'an ARN template starting with arn:{partition}:, or "*" for a named resource');
      const unknown = placeholders(a.arn).find((p) => !TECHNIQUE_PLACEHOLDERS.has(p));
      if (unknown) throw new RuleError(file, field, `only {partition}, {region}, {account} and {resource-id} placeholders, found ${unknown}`);
    });
  }
}

/** Resource-access ARN templates are built from the resource's own `{arn}` and nothing else. */
export function checkAccessTemplates(file: string, rules: ResourceAccessRules): void {
  for (const [kind, levels] of Object.entries(rules)) {
    for (const [level, access] of Object.entries(levels ?? {})) {
      if (access === undefined) continue;
      const field = `${kind}.${level}.arn`;
      const found = placeholders(access.arn);
      if (!found.includes('{arn}') || found.some((p) => p !== '{arn}')) {
        throw new RuleError(file, field, `a template built on {arn}, e.g. "{arn}" or "{arn}/*", found "${access.arn}"`);
      }
    }
  }
}

function placeholders(template: string): string[] {
  return template.match(/\{[^}]*\}/g) ?? [];
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
