/**
 * Target numbers (issue 20): a resource's number under a numbering (one list of varying statement
 * patterns, target-classes.ts) stands for its scope and how each statement's Resource/NotResource
 * matches it, so equal numbers mean equal classes. Scopes are numbered once per build and matches
 * kept once per statement spec and candidate list, for every numbering that holds the spec.
 */
import { matchOf, resourceScope, type CompiledStatement } from '../../iam/index.js';
import type { ResourceFacts } from '../facts/index.js';

/** What numberings read of one resource, once per build: its facts and its scope's number. */
export interface ResourceEntry {
  readonly resource: string;
  readonly facts: ResourceFacts | undefined;
  /** The number of resourceScope's text, -1 until asked. */
  scope: number;
}

/** Resources' scopes (resourceScope) numbered once per build: every numbering reads them alike. */
export class Scopes {
  private readonly ids = new Map<string, number>();

  /** The number of the resource's scope. */
  of(entry: ResourceEntry): number {
    if (entry.scope >= 0) return entry.scope;
    const { resource, facts } = entry;
    // The facts a request carries about its resource, as decide.ts puts them on the request.
    const text = resourceScope(
      { resource, ...(facts?.region ? { resourceRegion: facts.region } : {}), ...(facts ? { resourceTags: facts.tags } : {}) },
      { ...(facts?.restrictPublicBuckets ? { restrictPublicBuckets: true } : {}) },
    );
    let id = this.ids.get(text);
    if (id === undefined) this.ids.set(text, (id = this.ids.size));
    return (entry.scope = id);
  }
}

/** Most statements a numbering keys by number (3^16 times a scope number stays a safe integer); more, by text. */
const MAX_NUMERIC = 16;

/**
 * Targets numbered by class for one list of varying statements. A number stands for the
 * resource's scope and how each statement matches it: equal numbers, equal scope and matches.
 */
export class Numbering {
  private readonly ids = new Map<string, number>();
  private readonly signatures = new Map<number | string, number>();
  /** Per list of resources (a candidate list, shared by callers): its numbers (ListNumbers). */
  readonly lists = new WeakMap<object, ListNumbers>();
  /** 3^statements, when keys are numbers: the scope's number, then one base-3 digit per statement. */
  readonly scale: number | undefined;

  constructor(
    readonly statements: readonly CompiledStatement[],
    /** Each statement's spec id, in order. */
    readonly specs: readonly number[],
    private readonly scopes: Scopes,
  ) {
    this.scale = statements.length <= MAX_NUMERIC ? 3 ** statements.length : undefined;
  }

  /** The resource's number. */
  idOf(entry: ResourceEntry): number {
    let id = this.ids.get(entry.resource);
    if (id !== undefined) return id;
    const scope = this.scopes.of(entry);
    let key: number | string = this.scale !== undefined ? 0 : `${scope}|`;
    for (const statement of this.statements) key = digit(key, matchOf(statement, entry.resource));
    id = this.idOfKey(this.scale !== undefined ? scope * this.scale + (key as number) : key);
    this.ids.set(entry.resource, id);
    return id;
  }

  /** The number of a key made of a scope's number and one digit per statement, in order (ListNumbers.at). */
  idOfKey(key: number | string): number {
    let id = this.signatures.get(key);
    if (id === undefined) this.signatures.set(key, (id = this.signatures.size));
    return id;
  }
}

/** A key with one more digit: times 3 plus the digit when a number, the digit appended when text. */
function digit(key: number | string, match: number): number | string {
  return typeof key === 'number' ? key * 3 + match : key + match;
}

/**
 * One list's resources as numberings read them (issue 20): per list (shared by callers), each
 * resource's scope number, and per statement spec how it matches each resource. Numberings are
 * many (one per caller whose patterns name its own team: 6,470 at D7) but their specs few (540),
 * so a match is made once per spec and list position, not once per numbering and position.
 */
export class ListParts {
  readonly scopes: Int32Array;
  private readonly bySpec = new Map<number, Int8Array>();

  constructor(readonly length: number) {
    this.scopes = new Int32Array(length).fill(-1);
  }

  /** The matches of one spec's statements, -1 until asked. */
  matchesOf(spec: number): Int8Array {
    let matches = this.bySpec.get(spec);
    if (!matches) this.bySpec.set(spec, (matches = new Int8Array(this.length).fill(-1)));
    return matches;
  }
}

/** The numbers of one list's resources under one numbering, made as asked (`at`). */
export class ListNumbers {
  private readonly numbers: Int32Array;
  private readonly matches: Int8Array[];

  constructor(
    private readonly numbering: Numbering,
    private readonly parts: ListParts,
    private readonly entryOf: (resource: string) => ResourceEntry,
    private readonly scopes: Scopes,
  ) {
    this.numbers = new Int32Array(parts.length).fill(-1);
    this.matches = numbering.specs.map((spec) => parts.matchesOf(spec));
  }

  /** The number of the list's `i`th resource, `resource`: as numbering.idOf gives it. */
  at(i: number, resource: string): number {
    const known = this.numbers[i]!;
    if (known >= 0) return known;
    const parts = this.parts;
    let scope = parts.scopes[i]!;
    if (scope < 0) parts.scopes[i] = scope = this.scopes.of(this.entryOf(resource));
    const numbering = this.numbering;
    const scale = numbering.scale;
    let key: number | string = scale !== undefined ? 0 : `${scope}|`;
    for (let j = 0; j < this.matches.length; j++) {
      const matches = this.matches[j]!;
      let match = matches[i]!;
      if (match < 0) matches[i] = match = matchOf(numbering.statements[j]!, resource);
      key = digit(key, match);
    }
    return (this.numbers[i] = numbering.idOfKey(scale !== undefined ? scope * scale + (key as number) : key));
  }
}
