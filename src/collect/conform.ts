/**
 * The last step before a collected snapshot leaves the collector: validate it against snapshot
 * format v1. A response AWS sent that the format cannot hold must not sink a whole run, so the
 * resource it belongs to is left out and recorded as a gap, and validation runs again.
 */
import type { z } from 'zod';
import { formatJsonPath } from '../core/errors.js';
import { Snapshot } from '../snapshot/index.js';
import type { CoverageLog } from './engine/coverage.js';
import type { Rec, ServiceDescriptor } from './engine/descriptor.js';
import type { Run } from './run.js';

const DROPPED = Symbol('dropped');
/** Enough rounds for any real snapshot; each round removes at least one element. */
const MAX_ROUNDS = 1000;

/**
 * Validates `raw`, leaving out (with a gap) each resource that does not fit the format. The
 * run's descriptors (the only ones that filled `raw`) name the service of each section;
 * `callerAccountId` is the account organization gaps are recorded for.
 */
export function conformSnapshot(raw: Rec, run: Pick<Run, 'coverage' | 'descriptors'>, callerAccountId: string): Snapshot {
  const { coverage, descriptors } = run;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = Snapshot.safeParse(raw);
    if (result.success) return result.data;
    const touched = new Set<object>();
    for (const issue of result.error.issues) drop(raw, issue, { coverage, descriptors, touched, callerAccountId });
    for (const container of touched) sweep(container);
  }
  throw new Error('collect: the collected snapshot could not be made valid');
}

interface DropContext {
  coverage: CoverageLog;
  descriptors: readonly ServiceDescriptor[];
  touched: Set<object>;
  callerAccountId: string;
}

/** Marks the resource an issue is inside, and records why it is left out. */
function drop(raw: Rec, issue: z.core.$ZodIssue, context: DropContext): void {
  const path = issue.path;
  const inOrganization = path[0] === 'organization';
  // Within an account the section is iam | s3 (path[2]) or regions.<region>.<Section> (path[4]).
  const accountIndex = path[0] === 'accounts' && typeof path[1] === 'number' ? path[1] : undefined;
  if (!inOrganization && accountIndex === undefined) return;
  const account = accountIndex === undefined ? undefined : (raw['accounts'] as Rec[])[accountIndex];
  const inRegion = path[2] === 'regions' && typeof path[3] === 'string';
  const sectionEnd = inOrganization ? 1 : inRegion ? 5 : 3;
  // The resource is the first array element below the section; without one the section goes.
  // The organization always goes whole: one SCP missing would change what evaluation allows.
  const elementAt = inOrganization ? -1 : path.findIndex((part, i) => i >= sectionEnd && typeof part === 'number');
  const cut = elementAt >= 0 ? elementAt + 1 : Math.min(sectionEnd, path.length);
  const container = walk(raw, path.slice(0, cut - 1));
  const key = path[cut - 1];
  if (container === undefined || key === undefined || typeof key === 'symbol') return;
  const element = (container as Record<PropertyKey, unknown>)[key];
  if (element === DROPPED) return;
  (container as Record<PropertyKey, unknown>)[key] = DROPPED;
  context.touched.add(container);
  const resource = nameOf(element);
  context.coverage.recordGap(
    {
      accountId: String(account?.['accountId'] ?? context.callerAccountId),
      service: inOrganization ? 'organizations' : serviceOf(context.descriptors, String(path[sectionEnd - 1] ?? '')),
      ...(inRegion ? { region: String(path[3]) } : {}),
    },
    '*',
    'failed',
    `left out: the response does not fit the snapshot format at ${formatJsonPath(path)}: ${issue.message}`,
    resource,
  );
}

function walk(root: unknown, path: readonly PropertyKey[]): object | undefined {
  let node: unknown = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return typeof node === 'object' && node !== null ? node : undefined;
}

/** Removes marked elements from an array, or marked keys from an object. */
function sweep(container: object): void {
  if (Array.isArray(container)) {
    const kept = container.filter((item) => item !== DROPPED);
    container.splice(0, container.length, ...kept);
    return;
  }
  const record = container as Record<string, unknown>;
  for (const key of Object.keys(record)) if (record[key] === DROPPED) delete record[key];
}

/** The coverage service of a snapshot section (`Lambda` -> `lambda`). */
function serviceOf(descriptors: readonly ServiceDescriptor[], section: string): string {
  return descriptors.find((d) => d.section === section)?.service ?? (section || 'snapshot');
}

/** A name for the left-out element: its ARN or name, when it has one. */
function nameOf(element: unknown): string | undefined {
  if (typeof element !== 'object' || element === null) return undefined;
  const record = element as Rec;
  for (const key of ['Arn', 'ARN', 'FunctionArn', 'ModelArn', 'TrainingJobArn', 'ProcessingJobArn', 'NotebookInstanceArn', 'arn', 'Name', 'name', 'Id', 'id']) {
    if (typeof record[key] === 'string') return record[key] as string;
  }
  return undefined;
}
