import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RuleError } from '../../src/core/errors.js';
import { compareStrings } from '../../src/core/hash.js';
import { BUNDLED_RULES_DIR, loadRules } from '../../src/rules/load.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A writable copy of the bundled rules, so each case breaks exactly one thing. */
function copyOfBundled(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blastpath-rules-'));
  dirs.push(dir);
  cpSync(BUNDLED_RULES_DIR, dir, { recursive: true });
  return dir;
}

/** Replaces `from` with `to` in a rule file; fails loudly if `from` is not there. */
function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`test setup: ${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
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

type Case = { name: string; file: string; field: string; breakIt: (dir: string) => void };

const T = 'techniques';
const cases: Case[] = [
  {
    name: 'wrong type',
    file: `${T}/lambda-update-function-code.yaml`,
    field: 'deferred',
    breakIt: (d) => edit(d, `${T}/lambda-update-function-code.yaml`, 'deferred: true', "deferred: 'yes'"),
  },
  {
    name: 'value outside an enum',
    file: `${T}/iam-create-access-key.yaml`,
    field: 'severity',
    breakIt: (d) => edit(d, `${T}/iam-create-access-key.yaml`, 'severity: high', 'severity: severe'),
  },
  {
    name: 'unknown top-level field',
    file: `${T}/sts-assume-role.yaml`,
    field: 'sevrity',
    breakIt: (d) => edit(d, `${T}/sts-assume-role.yaml`, 'severity: medium', 'severity: medium\nsevrity: high'),
  },
  {
    name: 'unknown nested field',
    file: `${T}/sts-assume-role.yaml`,
    field: 'actions[0].resource',
    breakIt: (d) => edit(d, `${T}/sts-assume-role.yaml`, '    on: target', '    on: target\n    resource: "*"'),
  },
  {
    name: 'advice for a kind of node that does not exist',
    file: 'entry-points/resource-policy-public.yaml',
    field: 'remediationFor.bukket',
    breakIt: (d) => edit(d, 'entry-points/resource-policy-public.yaml', 'remediationFor:\n  bucket:', 'remediationFor:\n  bukket:'),
  },
  {
    name: 'missing required field',
    file: `${T}/iam-put-user-policy-self.yaml`,
    field: 'confidence',
    breakIt: (d) => edit(d, `${T}/iam-put-user-policy-self.yaml`, 'confidence: documented\n', ''),
  },
  {
    name: 'reference that is not a URL',
    file: `${T}/sts-assume-role.yaml`,
    field: 'references[0]',
    breakIt: (d) => edit(d, `${T}/sts-assume-role.yaml`, '  - https://docs.aws.amazon.com/STS/', '  - docs.aws.amazon.com/STS/'),
  },
  {
    name: 'malformed ATT&CK id',
    file: `${T}/sts-assume-role.yaml`,
    field: 'attack[0]',
    breakIt: (d) => edit(d, `${T}/sts-assume-role.yaml`, 'attack: [T1548.005', 'attack: [TA0004'),
  },
  {
    name: 'pass-role technique without a service',
    file: `${T}/lambda-create-function-invoke.yaml`,
    field: 'service',
    breakIt: (d) => edit(d, `${T}/lambda-create-function-invoke.yaml`, 'service: lambda.amazonaws.com\n', ''),
  },
  {
    name: 'new-resource action without an ARN template',
    file: `${T}/sagemaker-create-training-job.yaml`,
    field: 'actions[1].arn',
    breakIt: (d) =>
      edit(d, `${T}/sagemaker-create-training-job.yaml`, '    arn: arn:{partition}:sagemaker:{region}:{account}:training-job/blastpath-probe\n', ''),
  },
  {
    name: 'unknown placeholder in an ARN template',
    file: `${T}/sagemaker-create-processing-job.yaml`,
    field: 'actions[1].arn',
    breakIt: (d) => edit(d, `${T}/sagemaker-create-processing-job.yaml`, '{account}:processing-job', '{acount}:processing-job'),
  },
  {
    name: 'id differs from the file name',
    file: `${T}/iam-create-policy-version.yaml`,
    field: 'id',
    breakIt: (d) => edit(d, `${T}/iam-create-policy-version.yaml`, 'id: iam-create-policy-version', 'id: iam-policy-version'),
  },
  {
    name: 'alias already used by another rule',
    file: `${T}/sts-assume-role.yaml`,
    field: 'aliases[2]',
    breakIt: (d) =>
      edit(d, `${T}/sts-assume-role.yaml`, '  - iam-vulnerable:privesc-AssumeRole', '  - iam-vulnerable:privesc-AssumeRole\n  - pathfinding.cloud:iam-005'),
  },
  {
    name: "alias equal to another rule's id",
    file: `${T}/sts-assume-role.yaml`,
    field: 'aliases[2]',
    breakIt: (d) =>
      edit(d, `${T}/sts-assume-role.yaml`, '  - iam-vulnerable:privesc-AssumeRole', '  - iam-vulnerable:privesc-AssumeRole\n  - iam-create-access-key'),
  },
  {
    name: 'YAML syntax error',
    file: `${T}/sts-assume-role.yaml`,
    field: 'line 3, column 1',
    breakIt: (d) => writeFileSync(join(d, `${T}/sts-assume-role.yaml`), 'id: sts-assume-role\ntitle: [unclosed\nseverity: medium\n'),
  },
  {
    name: 'duplicate YAML key',
    file: `${T}/sts-assume-role.yaml`,
    field: 'line 2, column 1',
    breakIt: (d) => writeFileSync(join(d, `${T}/sts-assume-role.yaml`), 'id: sts-assume-role\nid: again\n'),
  },
  {
    name: 'empty file',
    file: `${T}/sts-assume-role.yaml`,
    field: '(root)',
    breakIt: (d) => writeFileSync(join(d, `${T}/sts-assume-role.yaml`), '# nothing here\n'),
  },
  {
    name: '.yml file that would be skipped',
    file: `${T}/extra.yml`,
    field: '(file name)',
    breakIt: (d) => writeFileSync(join(d, `${T}/extra.yml`), 'id: extra\n'),
  },
  {
    name: 'missing kind directory',
    file: 'entry-points/',
    field: '(directory)',
    breakIt: (d) => rmSync(join(d, 'entry-points'), { recursive: true }),
  },
  {
    name: 'two entry-point rules for one detector',
    file: 'entry-points/what-if.yaml',
    field: 'detector',
    breakIt: (d) => edit(d, 'entry-points/what-if.yaml', 'detector: what-if', 'detector: iam-user-access-key'),
  },
  {
    name: 'exposure given as a number (the format before exposure classes)',
    file: 'entry-points/what-if.yaml',
    field: 'exposure',
    breakIt: (d) => edit(d, 'entry-points/what-if.yaml', 'exposure: declared-compromised', 'exposure: 0.5'),
  },
  {
    name: 'unknown exposure class',
    file: 'entry-points/what-if.yaml',
    field: 'exposure',
    breakIt: (d) => edit(d, 'entry-points/what-if.yaml', 'exposure: declared-compromised', 'exposure: declared-compromized'),
  },
  {
    name: 'unknown class among the other exposures',
    file: 'entry-points/role-trusts-external-account.yaml',
    field: 'exposures[0]',
    breakIt: (d) => edit(d, 'entry-points/role-trusts-external-account.yaml', 'exposures: [outside-party-with-external-id]', 'exposures: [outside-party-with-externalid]'),
  },
  {
    name: 'exposure class weighing more than 1',
    file: 'scoring.yaml',
    field: 'exposureClasses.anonymous-internet.weight',
    breakIt: (d) => edit(d, 'scoring.yaml', 'weight: 1.0\n    meaning', 'weight: 1.5\n    meaning'),
  },
  {
    name: 'unknown impact class',
    file: 'sensitivity/training-data.yaml',
    field: 'impacts.read',
    breakIt: (d) => edit(d, 'sensitivity/training-data.yaml', 'read: C-DATA', 'read: C-DATUM'),
  },
  {
    name: 'name pattern that does not compile',
    file: 'sensitivity/sensitive-bucket-name.yaml',
    field: 'match.namePattern',
    breakIt: (d) => edit(d, 'sensitivity/sensitive-bucket-name.yaml', "namePattern: '(^|", "namePattern: '((^|"),
  },
  {
    name: 'missing scoring file',
    file: 'scoring.yaml',
    field: '(file)',
    breakIt: (d) => rmSync(join(d, 'scoring.yaml')),
  },
  {
    name: 'non-positive impact weight',
    file: 'scoring.yaml',
    field: 'impactClasses.C-ADMIN.weight',
    breakIt: (d) => edit(d, 'scoring.yaml', 'weight: 100', 'weight: 0'),
  },
  {
    name: 'unknown resource kind in resource access',
    file: 'resource-access.yaml',
    field: 'model',
    breakIt: (d) => edit(d, 'resource-access.yaml', 'lambda-function:', 'model:\n  invoke:\n    anyOf: [sagemaker:InvokeEndpoint]\nlambda-function:'),
  },
  {
    name: 'resource-access ARN template without {arn}',
    file: 'resource-access.yaml',
    field: 'bucket.read.arn',
    breakIt: (d) => edit(d, 'resource-access.yaml', "anyOf: [s3:GetObject]\n    arn: '{arn}/*'", "anyOf: [s3:GetObject]\n    arn: '{bucket}/*'"),
  },
];

describe('loadRules on broken rule files', () => {
  it.each(cases)('$name -> $file: $field', ({ file, field, breakIt }) => {
    const dir = copyOfBundled();
    breakIt(dir);
    const error = loadError(dir);
    expect({ file: error.file, field: error.field }).toEqual({ file, field });
  });
});

describe('loadRules on a user rules directory', () => {
  it('picks up a new technique file without code changes, in id order', () => {
    const dir = copyOfBundled();
    const text = readFileSync(join(dir, `${T}/iam-put-role-policy-self.yaml`), 'utf8')
      .replace('id: iam-put-role-policy-self', 'id: iam-aaa-example')
      .replace(/aliases:[\s\S]*$/, 'aliases: []\n');
    writeFileSync(join(dir, `${T}/iam-aaa-example.yaml`), text);
    const ids = loadRules({ dir }).techniques.map((t) => t.id);
    const at = ids.indexOf('iam-aaa-example');
    expect(ids.slice(at, at + 2)).toEqual(['iam-aaa-example', 'iam-add-user-to-group']);
    expect(ids).toEqual([...ids].sort(compareStrings));
  });

  it('returns rules deprecated with their ids, so baselines can still resolve them', () => {
    const dir = copyOfBundled();
    edit(dir, `${T}/sts-assume-role.yaml`, 'confidence: documented', 'confidence: documented\ndeprecated: true');
    const rule = loadRules({ dir }).techniques.find((t) => t.id === 'sts-assume-role');
    expect(rule?.deprecated).toBe(true);
  });
});
