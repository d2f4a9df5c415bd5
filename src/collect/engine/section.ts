/**
 * Collects one service's section for one unit (account and region): runs the descriptor's
 * fetches (each after the fields it declares it needs), and decides whether the section was
 * collected. An absent section means "not collected", so a section whose main listing failed
 * is left out rather than stored empty.
 */
import { operationName, type Fetch, type Rec, type ServiceDescriptor } from './descriptor.js';
import type { Engine, Unit } from './engine.js';
import { runFetch, type FetchResult } from './fetch.js';

/** A collected section: its data (undefined when not collected) and whether nothing is missing from it. */
export interface SectionResult {
  section?: Rec;
  complete: boolean;
}

/** Collects one section; gaps say what is missing and why. */
export async function collectSection(engine: Engine, unit: Unit, descriptor: ServiceDescriptor): Promise<SectionResult> {
  const section: Rec = {};
  const running = new Map<string, Promise<FetchResult>>();
  for (const fetch of descriptor.fetches) {
    const needs = (fetch.after ?? []).map((field) => running.get(field) ?? missing(descriptor, field));
    running.set(fetch.field, start(engine, unit, fetch, section, needs));
  }
  const results = await Promise.all(descriptor.fetches.map(async (fetch) => ({ fetch, result: await running.get(fetch.field)! })));
  const requiredFailed = results.some(({ fetch, result }) => fetch.required && result.status === 'failed');
  const allFailed = results.every(({ result }) => result.status === 'failed');
  if (requiredFailed && !allFailed) {
    // Some calls worked, but without the main listing the section would mislead: say so once.
    const main = results.filter(({ fetch, result }) => fetch.required && result.status === 'failed').map(({ fetch }) => operationName(fetch.call.command));
    engine.gap(unit, '*', 'not-collected', `${descriptor.section} not stored: ${main.join(', ')} could not be collected`);
  }
  if (requiredFailed || allFailed) return { complete: false };
  const note = (operation: string, message: string, resource?: string) => engine.note(unit, operation, message, resource);
  return { section: descriptor.finish ? descriptor.finish(section, note) : section, complete: results.every(({ result }) => result.status === 'ok') };
}

async function start(engine: Engine, unit: Unit, fetch: Fetch, section: Rec, needs: Array<Promise<FetchResult>>): Promise<FetchResult> {
  const needed = await Promise.all(needs);
  if (needed.some((result) => result.status === 'failed')) {
    const fields = (fetch.after ?? []).join(', ');
    engine.gap(unit, operationName(fetch.call.command), 'not-collected', `not attempted: ${fields} could not be collected`);
    return { status: 'failed' };
  }
  const result = await runFetch(engine, unit, fetch, section);
  if (result.value !== undefined) section[fetch.field] = result.value;
  return result;
}

/** A descriptor whose `after` names no earlier fetch is a bug; the registry test catches it first. */
function missing(descriptor: ServiceDescriptor, field: string): never {
  throw new Error(`collect: ${descriptor.service}: after: ${field} is not an earlier fetch`);
}
