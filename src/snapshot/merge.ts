/**
 * Merges several snapshots into one multi-account snapshot. Inputs for the same account
 * combine section by section (one file's IAM, another's S3); the same section twice with
 * different content is a conflict, never silently resolved. The result does not depend on
 * the order inputs were given in.
 */
import { InputError, formatJsonPath } from '../core/errors.js';
import { compareStrings, stableStringify } from '../core/hash.js';
import { normalizeCoverage } from './coverage.js';
import type { AccountData, Snapshot } from './schema.js';

/** A snapshot and the file it came from (named in conflict errors). */
export interface SnapshotSource {
  source: string;
  snapshot: Snapshot;
}

type Json = Record<string, unknown>;

/** Levels that merge key by key; everything below them is an indivisible section. */
function isContainer(path: readonly string[]): boolean {
  if (path.length === 0) return true;
  if (path.length === 1) return path[0] === 'iam' || path[0] === 's3' || path[0] === 'regions';
  return path.length === 2 && path[0] === 'regions';
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges snapshots (at least one) into one; throws InputError naming both files on a conflict. */
export function mergeSnapshots(list: readonly SnapshotSource[]): Snapshot {
  if (list.length === 0) throw new InputError('(inputs)', 'expected at least one snapshot to merge');
  const ordered = inputOrder(list);

  const byAccount = new Map<string, { source: string; account: AccountData }[]>();
  for (const { source, snapshot } of ordered) {
    for (const account of snapshot.accounts) {
      byAccount.set(account.accountId, [...(byAccount.get(account.accountId) ?? []), { source, account }]);
    }
  }
  const accounts = [...byAccount.keys()].sort(compareStrings).map((id) => mergeAccount(id, byAccount.get(id)!));
  const snapshots = ordered.map((item) => item.snapshot);
  const organization = mergedOrganization(ordered);
  return {
    ...agreedExtras(snapshots),
    ...(organization ? { organization } : {}),
    schemaVersion: snapshots[0]!.schemaVersion,
    collectedAt: latest(snapshots.map((s) => s.collectedAt)),
    tool: mergedTool(snapshots),
    accounts,
    coverage: normalizeCoverage(
      snapshots.flatMap((s) => s.coverage),
      accounts,
    ),
  };
}

/**
 * Inputs by source name, then (two inputs of one name, e.g. stdin twice) by content. Content is
 * serialized only for such ties: serializing every input would cost a second pass over the
 * largest snapshots and, past a few hundred MiB, exceed the longest string V8 can hold.
 */
function inputOrder(list: readonly SnapshotSource[]): SnapshotSource[] {
  const keys = new Map<SnapshotSource, string>();
  const keyOf = (item: SnapshotSource) => {
    let key = keys.get(item);
    if (key === undefined) keys.set(item, (key = stableStringify(item.snapshot)));
    return key;
  };
  return [...list].sort((a, b) => compareStrings(a.source, b.source) || compareStrings(keyOf(a), keyOf(b)));
}

/**
 * One account from its parts. Sections are shared with the inputs, not copied: no stage after
 * loading modifies a snapshot (redaction copies what it replaces).
 */
function mergeAccount(accountId: string, parts: { source: string; account: AccountData }[]): AccountData {
  const merged: Json = {};
  const origins = new Map<string, string>();
  const mergeLevel = (target: Json, value: Json, path: string[], source: string) => {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const here = [...path, key];
      if (isContainer(here) && isObject(item)) {
        if (!isObject(target[key])) target[key] = {};
        mergeLevel(target[key] as Json, item, here, source);
        continue;
      }
      const id = formatJsonPath(here);
      if (!(key in target)) {
        target[key] = item;
        origins.set(id, source);
      } else if (stableStringify(target[key]) !== stableStringify(item)) {
        throw new InputError(
          `${origins.get(id)} and ${source}: account ${accountId}: ${id}`,
          'expected this section in only one input, or the same content in each; the inputs disagree',
        );
      }
    }
  };
  for (const { source, account } of parts) mergeLevel(merged, account as Json, [], source);
  return merged as AccountData;
}

/** The latest timestamp (by instant; ties broken by text so the choice is stable). */
function latest(times: string[]): string {
  return times.reduce((a, b) => {
    const diff = Date.parse(a) - Date.parse(b);
    return diff > 0 || (diff === 0 && compareStrings(a, b) >= 0) ? a : b;
  });
}

/** One tool when every input agrees; otherwise each distinct `name` and `version`, joined with ` + `. */
function mergedTool(snapshots: Snapshot[]): Snapshot['tool'] {
  const distinct = new Map(snapshots.map((s) => [stableStringify([s.tool.name, s.tool.version]), s.tool]));
  if (distinct.size === 1) return structuredClone(snapshots[0]!.tool);
  const tools = [...distinct.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, tool]) => tool);
  return { name: tools.map((t) => t.name).join(' + '), version: tools.map((t) => t.version).join(' + ') };
}

/**
 * The organization section: one organization describes every account, so it comes from the
 * input that holds it, or from several that hold the same content; different content is a
 * conflict (two organizations, or one collected twice and changed in between).
 */
function mergedOrganization(list: readonly SnapshotSource[]): Snapshot['organization'] {
  let found: { source: string; key: string; value: NonNullable<Snapshot['organization']> } | undefined;
  for (const { source, snapshot } of list) {
    if (snapshot.organization === undefined) continue;
    const key = stableStringify(snapshot.organization);
    if (!found) found = { source, key, value: snapshot.organization };
    else if (found.key !== key) {
      throw new InputError(`${found.source} and ${source}: organization`, 'expected the organization in only one input, or the same content in each; the inputs disagree');
    }
  }
  return found ? structuredClone(found.value) : undefined;
}

const KNOWN_TOP_LEVEL = new Set(['schemaVersion', 'collectedAt', 'tool', 'accounts', 'organization', 'coverage']);

/** Top-level fields this version does not read: kept when every input that has one agrees on it. */
function agreedExtras(snapshots: Snapshot[]): Json {
  const values = new Map<string, unknown[]>();
  for (const snapshot of snapshots) {
    for (const [key, value] of Object.entries(snapshot)) {
      if (!KNOWN_TOP_LEVEL.has(key) && value !== undefined) values.set(key, [...(values.get(key) ?? []), value]);
    }
  }
  const agreed: Json = {};
  for (const [key, list] of [...values.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    if (new Set(list.map(stableStringify)).size === 1) agreed[key] = structuredClone(list[0]);
  }
  return agreed;
}
