/**
 * Loads a rules directory (the bundled `rules/` or a user's `--rules`) into a validated RuleSet.
 * The first problem stops loading with a RuleError that names the file and the field.
 */
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { compareStrings } from '../core/hash.js';
import {
  checkAccessTemplates,
  checkExposureClasses,
  checkIdsMatchFiles,
  checkSensitivity,
  checkTechniqueTemplates,
  checkUniqueDetectors,
  checkUniqueNames,
  type Loaded,
} from './checks.js';
import { listRuleFiles, readRuleFile } from './read-file.js';
import { EntryPointRule, PostureRule, ResourceAccessRules, type RuleSet, ScoringRules, SensitivityRule, TechniqueRule } from './schema.js';

/**
 * The package's own rules: `<package>/rules/`. This module sits one level below the package
 * root's `src/` (under vitest) or `dist/` (after tsc), so the same relative URL works for both.
 */
export const BUNDLED_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** Reads, validates and cross-checks every rule file; lists come back sorted by id. */
export function loadRules(options: { dir?: string } = {}): RuleSet {
  const dir = options.dir ?? BUNDLED_RULES_DIR;

  // Scoring first: sensitivity and entry-point rules are checked against its impact and exposure classes.
  const scoring = readRuleFile(dir, 'scoring.yaml', ScoringRules);
  const resourceAccess = readRuleFile(dir, 'resource-access.yaml', ResourceAccessRules);
  checkAccessTemplates('resource-access.yaml', resourceAccess);

  const techniques = readKind(dir, 'techniques', TechniqueRule);
  checkTechniqueTemplates(techniques);
  const entryPoints = readKind(dir, 'entry-points', EntryPointRule);
  checkUniqueDetectors(entryPoints);
  checkExposureClasses(entryPoints, scoring);
  const sensitivity = readKind(dir, 'sensitivity', SensitivityRule);
  checkSensitivity(sensitivity, scoring);
  const posture = readKind(dir, 'posture', PostureRule);

  return {
    techniques: byId(techniques),
    entryPoints: byId(entryPoints),
    sensitivity: byId(sensitivity),
    posture: byId(posture),
    scoring,
    resourceAccess,
  };
}

/** Every file of one kind, parsed, with ids equal to file names and no name used twice. */
function readKind<S extends z.ZodType<{ id: string; aliases: string[] }>>(dir: string, kind: string, schema: S): Array<Loaded<z.output<S>>> {
  const entries = listRuleFiles(dir, kind).map((file) => ({ file, rule: readRuleFile(dir, file, schema) }));
  checkIdsMatchFiles(entries);
  checkUniqueNames(entries);
  return entries;
}

/** File order is not id order (`a-b.yaml` sorts before `a.yaml`), so sort on the ids themselves. */
function byId<R extends { id: string }>(entries: ReadonlyArray<Loaded<R>>): R[] {
  return entries.map((e) => e.rule).sort((a, b) => compareStrings(a.id, b.id));
}
