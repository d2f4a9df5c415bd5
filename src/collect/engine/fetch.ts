/**
 * Interprets Fetch descriptors: list (every page), describe each item, run each item's own
 * fetches, and say how complete the result is. A described item whose describe call fails is
 * left out (its gap names it); a detail that fails leaves its field absent (its gap names it).
 */
import { operationName, type Fetch, type Rec } from './descriptor.js';
import type { CallRequest, Engine, Unit } from './engine.js';
import { beyondLimit } from '../scope.js';
import { mergePages, paginate } from './paginate.js';

/** `ok`: complete; `partial`: some data, with gaps recorded; `failed`: no data, gaps recorded. */
export type FetchStatus = 'ok' | 'partial' | 'failed';

/** A fetch's value (undefined: nothing to store) and status. */
export interface FetchResult {
  value?: unknown;
  status: FetchStatus;
  /** The endpoint does not offer the operation (status `failed`): a fallback may stand in. */
  unsupported?: boolean;
}

/** How items of an enclosing listing are named and where their calls go, for nested fetches. */
interface Inherited {
  resource?: string;
  region?: string;
}

/** Runs one fetch for `parent` (once per record of `over`, when given). */
export async function runFetch(engine: Engine, unit: Unit, fetch: Fetch, parent: Rec, inherited: Inherited = {}): Promise<FetchResult> {
  if (fetch.when && !fetch.when(parent)) return { status: 'ok' };
  if (!fetch.over) return runWithFallback(engine, unit, fetch, parent, inherited);
  const results = await Promise.all(fetch.over(parent).map((each) => runWithFallback(engine, unit, fetch, each, inherited)));
  const value = results.flatMap((result) => (Array.isArray(result.value) ? (result.value as unknown[]) : []));
  return { value, status: combine(results.map((result) => result.status)) };
}

/** Runs the fetch, or its equivalent when the endpoint turns out not to offer its operation. */
async function runWithFallback(engine: Engine, unit: Unit, fetch: Fetch, parent: Rec, inherited: Inherited): Promise<FetchResult> {
  const result = await runOnce(engine, unit, fetch, parent, inherited);
  if (result.status !== 'failed' || !result.unsupported || !fetch.fallback) return result;
  // The equivalent is a fetch of its own (it may run `over` records of its own, or only `when`).
  return runFetch(engine, unit, { ...fetch.fallback.fetch, field: fetch.field }, parent, inherited);
}

async function runOnce(engine: Engine, unit: Unit, fetch: Fetch, parent: Rec, inherited: Inherited): Promise<FetchResult> {
  const resource = fetch.resource?.(parent) ?? inherited.resource;
  const region = fetch.region?.(parent) ?? inherited.region;
  const request: CallRequest = {
    spec: fetch.call,
    parent,
    ...(resource ? { resource } : {}),
    ...(region ? { region } : {}),
    ...(fetch.absentOn ? { absentOn: fetch.absentOn } : {}),
    ...(fetch.fallback ? { fallback: `${operationName(fetch.fallback.fetch.call.command)} used instead: ${fetch.fallback.note}` } : {}),
  };
  if (fetch.items !== undefined) return runListing(engine, unit, fetch, request);
  if (fetch.paginate) {
    const listed = await paginate(engine, unit, { ...request, pagination: fetch.paginate });
    if (listed.status === 'failed') return failed(listed.failure);
    if (listed.status === 'absent') return { status: 'ok' };
    return { value: mergePages(listed.pages, fetch.paginate), status: listed.status === 'partial' ? 'partial' : 'ok' };
  }
  const outcome = await engine.call(unit, request);
  if (outcome.status === 'gap') return failed(outcome.failure);
  if (outcome.status === 'absent') return { status: 'ok' };
  const value = fetch.pick ? outcome.output[fetch.pick] : outcome.output;
  const complete = fetch.details && isRec(value) ? await runDetails(engine, unit, fetch, value) : true;
  return { value, status: complete ? 'ok' : 'partial' };
}

async function runListing(engine: Engine, unit: Unit, fetch: Fetch, request: CallRequest): Promise<FetchResult> {
  const items = fetch.items;
  const extract = typeof items === 'function' ? items : (output: Rec) => asArray(output[items as string]);
  const limit = fetch.limit?.(unit.context);
  const listed = await paginate(engine, unit, { ...request, extract, ...(fetch.paginate ? { pagination: fetch.paginate } : {}), ...(limit ? { limit } : {}) });
  if (listed.status === 'absent') return { status: 'ok' };
  if (listed.status === 'failed') return failed(listed.failure);
  if (listed.limited) {
    engine.gap(unit, operationName(request.spec.command), 'not-collected', beyondLimit(limit ?? 0), request.resource);
  }
  const built = fetch.describe?.batch
    ? await describeInBatches(engine, unit, fetch, listed.items, request)
    : await Promise.all(listed.items.map((item) => buildRecord(engine, unit, fetch, item, request.parent)));
  const records = built.flatMap((entry) => (entry.record ? [entry.record] : []));
  const complete = listed.status === 'ok' && built.every((entry) => entry.complete);
  return { value: records, status: complete ? 'ok' : 'partial' };
}

/** One listed item made into its record; incomplete when a call for it failed (its gap says which). */
async function buildRecord(engine: Engine, unit: Unit, fetch: Fetch, item: unknown, parent: Rec): Promise<{ record?: Rec; complete: boolean }> {
  let record = fetch.record ? fetch.record(item, parent) : isRec(item) ? item : undefined;
  if (record === undefined) return { complete: true };
  const describe = fetch.describe;
  if (describe) {
    const resource = fetch.name?.(record);
    const region = fetch.itemRegion?.(record);
    const outcome = await engine.call(unit, { spec: describe, parent: record, ...(resource ? { resource } : {}), ...(region ? { region } : {}) });
    // Gone between listing and describing: nothing is missing. A failed describe is a gap.
    if (outcome.status === 'absent') return { complete: true };
    if (outcome.status === 'gap') return { complete: false };
    const described = describe.pick ? outcome.output[describe.pick] : outcome.output;
    if (!isRec(described)) return { complete: true };
    record = describe.merge ? { ...record, ...described } : described;
  }
  const complete = fetch.details ? await runDetails(engine, unit, fetch, record) : true;
  return { record, complete };
}

/**
 * Describes listed items `batch` at a time (one call per batch), then runs each described
 * record's own fetches. A failed batch leaves its items out; its gap names the enclosing resource.
 */
async function describeInBatches(engine: Engine, unit: Unit, fetch: Fetch, items: unknown[], listing: CallRequest): Promise<Array<{ record?: Rec; complete: boolean }>> {
  const describe = fetch.describe!;
  const parent = listing.parent;
  const size = describe.batch!;
  const records = items.flatMap((item) => {
    const record = fetch.record ? fetch.record(item, parent) : isRec(item) ? item : undefined;
    return record ? [record] : [];
  });
  const batches: Rec[][] = [];
  for (let i = 0; i < records.length; i += size) batches.push(records.slice(i, i + size));
  const described = await Promise.all(
    batches.map(async (batch) => {
      const outcome = await engine.call(unit, { spec: describe, parent: { records: batch }, ...(listing.resource ? { resource: listing.resource } : {}) });
      if (outcome.status === 'gap') return [{ complete: false }];
      if (outcome.status === 'absent') return [];
      const list = describe.pick ? asArray(outcome.output[describe.pick]) : [];
      return Promise.all(
        list.filter(isRec).map(async (record) => ({ record, complete: fetch.details ? await runDetails(engine, unit, fetch, record) : true })),
      );
    }),
  );
  return described.flat();
}

function failed(failure: { kind: string } | undefined): FetchResult {
  return failure?.kind === 'unsupported' ? { status: 'failed', unsupported: true } : { status: 'failed' };
}

/** Runs a record's own fetches in order, storing each value in its field; false when one failed. */
async function runDetails(engine: Engine, unit: Unit, fetch: Fetch, record: Rec): Promise<boolean> {
  let complete = true;
  for (const detail of fetch.details ?? []) {
    // Recomputed before each detail: an earlier one may have stored what the next needs (Location).
    const resource = fetch.name?.(record);
    const region = fetch.itemRegion?.(record);
    const result = await runFetch(engine, unit, detail, record, { ...(resource ? { resource } : {}), ...(region ? { region } : {}) });
    if (result.value !== undefined) record[detail.field] = result.value;
    if (result.status !== 'ok') complete = false;
  }
  return complete;
}

/** The worst of several statuses. */
export function combine(statuses: readonly FetchStatus[]): FetchStatus {
  if (statuses.length === 0) return 'ok';
  if (statuses.every((status) => status === 'failed')) return 'failed';
  return statuses.every((status) => status === 'ok') ? 'ok' : 'partial';
}

function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
