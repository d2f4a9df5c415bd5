/**
 * The request-context vocabulary of technique actions (`context:` in rules/techniques, see
 * rules/README.md "Request context"): every form loads into its normalized requirement, and a
 * malformed one stops loading with the file, the field and what was expected.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RuleError } from '../../src/core/errors.js';
import { BUNDLED_RULES_DIR, loadRules } from '../../src/rules/load.js';

// A technique whose bundled action declares no context of its own.
const FILE = 'techniques/iam-put-group-policy-member.yaml';
const ACTION = '  - action: iam:PutGroupPolicy\n    on: member-group\n';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The bundled rules with `context` (YAML lines, indented under the action) added to one action. */
function withContext(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'blastpath-rules-context-'));
  dirs.push(dir);
  cpSync(BUNDLED_RULES_DIR, dir, { recursive: true });
  const path = join(dir, FILE);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(ACTION)) throw new Error(`test setup: ${FILE} changed`);
  writeFileSync(path, text.replace(ACTION, `${ACTION}    context:\n${lines.map((l) => `      ${l}`).join('\n')}\n`));
  return dir;
}

function contextOf(dir: string) {
  return loadRules({ dir }).techniques.find((t) => t.id === 'iam-put-group-policy-member')!.actions[0]!.context;
}

function loadError(dir: string): RuleError {
  try {
    loadRules({ dir });
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error('expected loadRules to throw a RuleError');
}

describe('technique request context', () => {
  it('loads every form into its requirement', () => {
    const dir = withContext([
      'iam:PolicyARN: {mustMatch: admin-policy}',
      'iam:PermissionsBoundary: {mustMatch: target-boundary}',
      'iam:PassedToService: {value: sagemaker.amazonaws.com}',
      'aws:RequestTag/team: {value: [ml, data]}',
      'iam:AssociatedResourceArn: {attackerChooses: true, like: "arn:*:lambda:*:*:function:*"}',
      's3:prefix: {attackerChooses: true}',
      's3:delimiter: {absent: true}',
      'codebuild:source.buildspec: [attacker-buildspec]',
    ]);
    expect(contextOf(dir)).toEqual({
      'iam:PolicyARN': { kind: 'set', set: 'admin-policy' },
      'iam:PermissionsBoundary': { kind: 'set', set: 'target-boundary' },
      'iam:PassedToService': { kind: 'value', values: ['sagemaker.amazonaws.com'] },
      'aws:RequestTag/team': { kind: 'value', values: ['ml', 'data'] },
      'iam:AssociatedResourceArn': { kind: 'chosen', like: 'arn:*:lambda:*:*:function:*' },
      's3:prefix': { kind: 'chosen', like: '*' },
      's3:delimiter': { kind: 'absent' },
      'codebuild:source.buildspec': { kind: 'value', values: ['attacker-buildspec'] },
    });
  });

  it('the bundled list shorthand still loads as a value', () => {
    const rule = loadRules().techniques.find((t) => t.id === 'iam-create-bedrock-api-key')!;
    expect(rule.actions[0]!.context).toEqual({ 'iam:ServiceSpecificCredentialServiceName': { kind: 'value', values: ['bedrock.amazonaws.com'] } });
  });

  it.each([
    ['two forms at once', ['iam:PolicyARN: {mustMatch: admin-policy, value: x}'], 'exactly one of value, attackerChooses, mustMatch or absent'],
    ['no form at all', ['iam:PolicyARN: {}'], 'exactly one of value, attackerChooses, mustMatch or absent'],
    ['an unknown named set', ['iam:PolicyARN: {mustMatch: any-policy}'], 'admin-policy'],
    ['like without attackerChooses', ['iam:PolicyARN: {value: x, like: "arn:*"}'], 'like only with attackerChooses'],
    ['attackerChooses: false', ['iam:PolicyARN: {attackerChooses: false}'], 'true'],
    ['an empty value list', ['iam:PolicyARN: []'], '1'],
    ['a misspelt field', ['iam:PolicyARN: {mustmatch: admin-policy}'], 'no such field'],
    ['a key that is no condition key', ['PolicyARN: {mustMatch: admin-policy}'], 'condition key'],
  ])('rejects %s, naming the file and the field', (_what, lines, expected) => {
    const error = loadError(withContext(lines));
    expect(error.file).toBe(FILE);
    expect(error.field).toMatch(/^actions\[0\]\.context/);
    expect(error.message).toContain(expected);
  });
});
