/**
 * Validates SARIF logs against the official SARIF 2.1.0 schema shipped in
 * @microsoft/jest-sarif. That schema is draft-04 (`id`, draft-04 `$schema`); Ajv 8 speaks
 * draft-07, which reads the same keywords this schema uses once `id` becomes `$id`. Formats are
 * checked with small validators of our own, since ajv-formats is not a dependency.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

const SCHEMA_FILE = 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

function draft07(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _draft04, id, ...rest } = schema;
  // Draft-04 keywords that changed meaning in draft-07 would need rewriting; fail loudly if any appear.
  const text = JSON.stringify(rest);
  if (text.includes('"exclusiveMinimum":true') || text.includes('"exclusiveMaximum":true')) throw new Error('schema uses draft-04 boolean exclusive bounds');
  return { ...rest, $id: id };
}

function isUri(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (validator) return validator;
  // unicodeRegExp off: the schema's language pattern has a stray `]` that only non-unicode RegExp accepts.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', (v: string) => isUri(v) || isUri(new URL(v, 'file:///repo/').href));
  ajv.addFormat('date-time', (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)));
  validator = ajv.compile(draft07(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))));
  return validator;
}

/** Schema errors of a SARIF log, as `path: message` lines; empty when valid. */
export function sarifErrors(log: unknown): string[] {
  const validate = compiled();
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
}
