/**
 * Pagination, once for every service: follow continuation tokens to the last page, stop at a
 * limit, and record a gap when a listing cannot be completed (a failed page, a page that says
 * more follow but gives no token, a token that repeats). Items already fetched are kept.
 */
import type { Pagination, Rec } from './descriptor.js';
import type { CallRequest, Engine, Unit } from './engine.js';
import { operationName } from './descriptor.js';
import type { Failure } from './errors.js';

/** How a listing ended. */
export type ListStatus = 'ok' | 'partial' | 'failed' | 'absent';

/** The items of a listing and whether they are all of them. */
export interface ListResult {
  items: unknown[];
  /** The raw pages, for listings merged page by page (GetAccountAuthorizationDetails). */
  pages: Rec[];
  status: ListStatus;
  /** The limit was reached and more items exist. */
  limited: boolean;
  /** Why the first page failed, when the status is `failed`. */
  failure?: Failure;
}

/** What to list and how. */
export interface ListRequest extends CallRequest {
  pagination?: Pagination;
  /** Items of one page; without it pages are kept whole. */
  extract?: (output: Rec) => unknown[];
  /** Most items to keep (0 or absent: all). */
  limit?: number;
}

/** Fetches every page of a listing. */
export async function paginate(engine: Engine, unit: Unit, request: ListRequest): Promise<ListResult> {
  const items: unknown[] = [];
  const pages: Rec[] = [];
  const seen = new Set<string>();
  const { pagination, limit } = request;
  const operation = operationName(request.spec.command);
  let token: string | undefined;
  for (let page = 1; ; page += 1) {
    const extraInput = { ...request.extraInput, ...(token !== undefined && pagination ? { [pagination.inputToken]: token } : {}) };
    const outcome = await engine.call(unit, { ...request, extraInput });
    if (outcome.status === 'absent') return { items, pages, status: page === 1 ? 'absent' : 'partial', limited: false };
    if (outcome.status === 'gap') {
      return page === 1 ? { items, pages, status: 'failed', limited: false, failure: outcome.failure } : { items, pages, status: 'partial', limited: false };
    }
    const output = outcome.output;
    pages.push(output);
    items.push(...(request.extract ? request.extract(output) : []));
    if (!pagination) return { items, pages, status: 'ok', limited: false };
    const next = output[pagination.outputToken];
    const more = pagination.moreResults ? output[pagination.moreResults] === true : typeof next === 'string' && next !== '';
    if (limit && items.length >= limit) return { items: items.slice(0, limit), pages, status: 'ok', limited: more || items.length > limit };
    if (!more) return { items, pages, status: 'ok', limited: false };
    if (typeof next !== 'string' || next === '') {
      const message = `page ${page} says more results follow (${pagination.moreResults}) but has no ${pagination.outputToken}: listing incomplete after ${items.length || pages.length} ${items.length ? 'items' : 'pages'}`;
      engine.gap(unit, operation, 'failed', message, request.resource);
      return { items, pages, status: 'partial', limited: false };
    }
    if (seen.has(next)) {
      engine.gap(unit, operation, 'failed', `page ${page} repeats an earlier ${pagination.outputToken}: listing stopped to avoid a loop`, request.resource);
      return { items, pages, status: 'partial', limited: false };
    }
    seen.add(next);
    token = next;
  }
}

/**
 * Merges the pages of a listing whose pages carry several lists (GetAccountAuthorizationDetails):
 * lists are concatenated, other fields come from the first page, pagination fields are dropped.
 */
export function mergePages(pages: readonly Rec[], pagination: Pagination | undefined): Rec {
  const drop = new Set([pagination?.outputToken, pagination?.moreResults, pagination?.inputToken]);
  const merged: Rec = {};
  for (const page of pages) {
    for (const [key, value] of Object.entries(page)) {
      if (drop.has(key)) continue;
      const existing = merged[key];
      if (Array.isArray(value) && Array.isArray(existing)) existing.push(...(value as unknown[]));
      else if (Array.isArray(value)) merged[key] = [...(value as unknown[])];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}
