/**
 * Action patterns against the catalog: what `s3:Get*` or a NotAction list stands for, and
 * whether a set of policies grants every action there is. Only the services a question names
 * are read; a pattern with a wildcard in its service prefix reads the whole catalog.
 */
import { catalogServices, serviceActions } from './catalog.js';
import { serviceOf } from './compile.js';
import { compileGlob } from './pattern.js';
import type { CompiledPolicy, CompiledStatement } from './types.js';

function servicesFor(patterns: readonly string[]): readonly string[] {
  const named = patterns.map((p) => serviceOf(p.toLowerCase()));
  return named.includes('*') ? catalogServices() : [...new Set(named)];
}

function matcher(patterns: readonly string[]): (action: string) => boolean {
  const tests = patterns.map((p) => compileGlob(p, true));
  return (action) => tests.some((test) => test(action));
}

/** The catalog actions (`service:Action`, AWS's spelling) that any of the patterns matches, sorted. */
export function expandActions(patterns: readonly string[]): string[] {
  const matches = matcher(patterns);
  const out: string[] = [];
  for (const service of servicesFor(patterns)) {
    for (const action of serviceActions(service) ?? []) if (matches(action.name)) out.push(action.name);
  }
  return out.sort();
}

/** The catalog actions a NotAction list leaves, within the given services (all when omitted). */
export function actionsOutside(notActions: readonly string[], services: readonly string[] = catalogServices()): string[] {
  const listed = matcher(notActions);
  const out: string[] = [];
  for (const service of services) {
    for (const action of serviceActions(service) ?? []) if (!listed(action.name)) out.push(action.name);
  }
  return out.sort();
}

/** Statements that grant their actions on every resource with no condition. */
function unconditionalEverywhere(policies: readonly CompiledPolicy[]): CompiledStatement[] {
  return policies.flatMap((p) =>
    p.statements.filter((s) => s.effect === 'Allow' && !s.notResource && s.resources.includes('*') && s.conditions.length === 0 && !s.principal),
  );
}

/**
 * True when the Allow statements of these policies, unconditionally and on every resource,
 * cover every action of the catalog (`*`, or NotAction lists whose exceptions other statements
 * grant back). Denies are not considered here: evaluation decides them per request.
 */
export function allowsEveryAction(policies: readonly CompiledPolicy[]): boolean {
  const statements = unconditionalEverywhere(policies);
  const granted = statements.filter((s) => !s.notAction).flatMap((s) => s.actions);
  if (granted.includes('*')) return true;
  const grants = matcher(granted);
  const exceptions = statements.filter((s) => s.notAction).map((s) => s.actions);
  if (exceptions.length === 0) {
    // Without NotAction, every service needs granting: check prefixes first, actions only where needed.
    const prefixes = new Set(granted.map(serviceOf));
    if (!prefixes.has('*') && catalogServices().some((service) => !prefixes.has(service))) return false;
    return catalogServices().every((service) => (serviceActions(service) ?? []).every((a) => grants(a.name)));
  }
  // An action escapes every NotAction statement only if every list names it: start from the first list.
  const [first, ...rest] = exceptions as [string[], ...string[][]];
  const others = rest.map(matcher);
  return expandActions(first).every((action) => grants(action) || others.some((listed) => !listed(action)));
}
