/**
 * A statement's content hash: the SHA-256 of its canonical text, where actions, resources,
 * principals and condition values are sets to IAM, so listing them in another order (or a single
 * value without brackets) does not change the hash that finding ids are built from.
 *
 * The canonical text is the stable (key-sorted) JSON of the statement with each set-valued field
 * replaced by the sorted, de-duplicated list of its members' own stable JSON texts. It is written
 * here in one pass, without the intermediate objects, arrays and sets a literal construction
 * needs: every compiled statement is hashed, some hundred thousand at size M, and that
 * construction was most of the cost of compiling a policy. test/iam/statement-hash.test.ts
 * holds the literal construction and checks both give the same text.
 */
import * as crypto from 'node:crypto';
import { compareStrings, shortHash, stableStringify } from '../core/hash.js';
import type { PolicyStatementInput } from './types.js';

/** Fields whose value is a set of members (one value or a list). */
const SET_FIELDS: ReadonlySet<string> = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);
/** Fields holding `"*"` or a map of principal types to sets. */
const PRINCIPAL_FIELDS: ReadonlySet<string> = new Set(['Principal', 'NotPrincipal']);
/** Every field the canonical form rewrites; a statement's other fields are written as they are. */
const CANONICAL_FIELDS = [...SET_FIELDS, ...PRINCIPAL_FIELDS, 'Condition'];

/**
 * Sorts a short list of strings byte-wise in place. Array.prototype.sort allocates a working
 * copy per call, and the lists here (a statement's actions, a condition's keys) have a few items.
 */
function sortStrings(list: string[]): void {
  if (list.length > 16) {
    list.sort(compareStrings);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const item = list[i]!;
    let j = i - 1;
    for (; j >= 0 && list[j]! > item; j--) list[j + 1] = list[j]!;
    list[j + 1] = item;
  }
}

/** Text JSON.stringify leaves as it is: no quote, backslash, control character or surrogate. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** The stable JSON text of one member of a set (JSON.stringify's own flat string for a string). */
function memberText(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : stableStringify(value);
}

/** A plain string's JSON text: quoted, nothing escaped. */
const PLAIN_JSON = /^"[^"\\\u0000-\u001f\ud800-\udfff]*"$/;

/** A member's text as a JSON string: the member's JSON, quoted again (a plain string's quotes escaped, nothing else). */
function quotedMember(text: string): string {
  return PLAIN_JSON.test(text) ? '"\\"' + text.slice(1, -1) + '\\""' : JSON.stringify(text);
}

/** The set text of one member, written straight from the value when it is a plain string (the common case). */
function singleSetText(value: unknown): string {
  return typeof value === 'string' && PLAIN.test(value) ? '["\\"' + value + '\\""]' : '[' + quotedMember(memberText(value)) + ']';
}

/**
 * One-or-many values as IAM reads them, a set: the JSON list of its members' texts, sorted
 * byte-wise and without repeats. Undefined for an absent field.
 */
function setText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return singleSetText(value);
  if (value.length === 1) return singleSetText(value[0]);
  const members: string[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) members[i] = memberText(value[i]);
  sortStrings(members);
  let out = '[';
  for (let i = 0; i < members.length; i++) {
    // Sorted, so a repeat is next to its first occurrence.
    if (i > 0 && members[i] === members[i - 1]) continue;
    out += (i > 0 ? ',' : '') + quotedMember(members[i]!);
  }
  return out + ']';
}

/** A map of names to sets (a principal block, one operator's conditions), keys sorted. */
function mapOfSetsText(map: object): string {
  const record = map as Record<string, unknown>;
  // Object.keys as the literal construction's Object.entries: it throws on null or undefined alike.
  const keys = Object.keys(record);
  sortStrings(keys);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const text = setText(record[key]);
    if (text === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + text;
    first = false;
  }
  return out + '}';
}

/** `Principal` / `NotPrincipal`: a map of principal types to sets; anything else (`"*"`) as written. */
function principalText(block: unknown): string | undefined {
  if (typeof block === 'object' && block !== null) return mapOfSetsText(block);
  return block === undefined ? undefined : stableStringify(block);
}

/** `Condition`: operator -> key -> set of values. */
function conditionText(block: unknown): string | undefined {
  if (block === undefined) return undefined;
  const operators = (block ?? {}) as Record<string, unknown>;
  const keys = Object.keys(operators);
  sortStrings(keys);
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += (i ? ',' : '') + JSON.stringify(keys[i]) + ':' + mapOfSetsText(operators[keys[i]!] as object);
  return out + '}';
}

/** How one field of the canonical form is written; undefined leaves the field out. */
type FieldWriter = (value: unknown) => string | undefined;

/** Any other field: its stable JSON, as written. */
const asWritten: FieldWriter = (value) => (value === undefined ? undefined : stableStringify(value));

/** The writer of a field. */
function writerOf(key: string): FieldWriter {
  if (SET_FIELDS.has(key)) return setText;
  if (PRINCIPAL_FIELDS.has(key)) return principalText;
  return key === 'Condition' ? conditionText : asWritten;
}

interface CanonicalField {
  key: string;
  /** The key as JSON, with its colon. */
  json: string;
  write: FieldWriter;
}

const canonicalField = (key: string): CanonicalField => ({ key, json: JSON.stringify(key) + ':', write: writerOf(key) });

/** The fields of the policy grammar, in canonical (byte-wise) order. */
const GRAMMAR_FIELDS = [...CANONICAL_FIELDS, 'Effect', 'Sid'].sort(compareStrings).map(canonicalField);
const GRAMMAR: ReadonlySet<string> = new Set(GRAMMAR_FIELDS.map((f) => f.key));

/** The canonical text of a statement, the input of its hash (exported for the tests). */
export function canonicalStatementText(statement: PolicyStatementInput): string {
  const record = statement as unknown as Record<string, unknown>;
  // A statement with only the grammar's fields (every valid one) is written in the fixed order.
  let fields: readonly CanonicalField[] = GRAMMAR_FIELDS;
  for (const key in record) {
    if (GRAMMAR.has(key) || !Object.hasOwn(record, key)) continue;
    const keys = Object.keys(record);
    for (const field of CANONICAL_FIELDS) if (!keys.includes(field)) keys.push(field);
    fields = keys.sort(compareStrings).map(canonicalField);
    break;
  }
  let out = '{';
  let first = true;
  for (const { key, json, write } of fields) {
    const text = write(record[key]);
    if (text === undefined) continue;
    out += (first ? '' : ',') + json + text;
    first = false;
  }
  return out + '}';
}

/**
 * shortHash's 16 characters as a string of their own: a slice of the 64-character hex digest
 * would keep the whole digest alive beside every compiled statement (about 90 bytes each).
 */
const flatShortHash: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'buffer').toString('hex', 0, 8) : (text) => shortHash(text);

/** Content hash of a statement, 16 hex characters: equal for statements IAM reads the same way. */
export function statementHash(statement: PolicyStatementInput): string {
  return flatShortHash(canonicalStatementText(statement));
}
