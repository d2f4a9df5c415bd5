/**
 * The IAM policy document grammar, as every AWS API returns it: a JSON string, a URL-encoded
 * JSON string (GetAccountAuthorizationDetails), or an already-decoded object (AWS CLI output).
 * Validation normalizes all three to one object shape, so nothing downstream re-parses text.
 */
import { z } from 'zod';

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]);

const stringOrList = oneOrMany(z.string());

/** `Principal` / `NotPrincipal`: `"*"` or a map of principal types to one or many values. */
export const PrincipalBlock = z.union([
  z.literal('*'),
  z.strictObject({
    AWS: stringOrList.optional(),
    Service: stringOrList.optional(),
    Federated: stringOrList.optional(),
    CanonicalUser: stringOrList.optional(),
  }),
]);

const conditionValue = oneOrMany(z.union([z.string(), z.boolean(), z.number()]));

/** `Condition`: operator -> condition key -> one or many values. */
export const ConditionBlock = z.record(z.string(), z.record(z.string(), conditionValue));

/** One statement. Exactly one of Action/NotAction; at most one of Resource/NotResource. */
export const PolicyStatement = z
  .looseObject({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Principal: PrincipalBlock.optional(),
    NotPrincipal: PrincipalBlock.optional(),
    Condition: ConditionBlock.optional(),
  })
  .superRefine((statement, ctx) => {
    if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of Action or NotAction' });
    }
    if (statement.Resource !== undefined && statement.NotResource !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected at most one of Resource or NotResource' });
    }
  });

const PolicyDocumentObject = z.looseObject({
  Version: z.string().optional(),
  Id: z.string().optional(),
  Statement: oneOrMany(PolicyStatement),
});

/** Decodes the text forms AWS uses for policy documents; returns the parsed JSON. */
function decodePolicyText(text: string): unknown {
  const trimmed = text.trim();
  // GAAD returns RFC 3986 URL-encoded JSON; a plain document starts with `{`.
  const json = trimmed.startsWith('%7B') || trimmed.startsWith('%7b') ? decodeURIComponent(trimmed) : trimmed;
  return JSON.parse(json);
}

/** A policy document in any of AWS's encodings, validated and normalized to an object. */
export const PolicyDocument = z.preprocess((value, ctx) => {
  if (typeof value !== 'string') return value;
  try {
    return decodePolicyText(value);
  } catch {
    ctx.addIssue({
      code: 'custom',
      input: value,
      message: 'expected a policy document: a JSON object, or a JSON or URL-encoded JSON string',
    });
    return z.NEVER;
  }
}, PolicyDocumentObject);

export type PolicyDocument = z.output<typeof PolicyDocument>;
export type PolicyStatement = z.output<typeof PolicyStatement>;
export type PrincipalBlock = z.output<typeof PrincipalBlock>;
export type ConditionBlock = z.output<typeof ConditionBlock>;
