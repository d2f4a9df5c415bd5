import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareStrings } from '../../src/core/hash.js';
import { ENTRY_DETECTORS } from '../../src/graph/entry-points/index.js';
import { BUNDLED_RULES_DIR, loadRules } from '../../src/rules/index.js';

const rules = loadRules();

const kinds = [
  { dir: 'techniques', list: rules.techniques },
  { dir: 'entry-points', list: rules.entryPoints },
  { dir: 'sensitivity', list: rules.sensitivity },
] as const;

function fileIds(dir: string): string[] {
  return readdirSync(join(BUNDLED_RULES_DIR, dir))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort(compareStrings);
}

describe('bundled rules', () => {
  it('load with the default directory and keep every rule id ever shipped', () => {
    // Ids are never deleted (rules/README.md, "Id stability"): the first rule set stays listed.
    expect(rules.techniques.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'iam-attach-role-policy-self',
        'iam-attach-user-policy-self',
        'iam-create-access-key',
        'iam-create-policy-version',
        'iam-put-role-policy-self',
        'iam-put-user-policy-self',
        'lambda-create-function-invoke',
        'lambda-update-function-code',
        'sagemaker-create-notebook-instance',
        'sagemaker-create-processing-job',
        'sagemaker-create-training-job',
        'sagemaker-presigned-notebook-url',
        'sts-assume-role',
      ]),
    );
    expect(rules.sensitivity.map((r) => r.id)).toEqual([
      'account-admin',
      'bedrock-foundation-models',
      'knowledge-base-source',
      'model-artifacts',
      'model-invocation-logs',
      'sagemaker-endpoint-in-service',
      'secrets-manager-secret',
      'sensitive-bucket-name',
      'ssm-secure-string-parameter',
      'tagged-sensitive-data',
      'third-party-credential',
      'training-data',
      'unmapped-access-key',
    ]);
    expect(Object.keys(rules.scoring.impactClasses).sort(compareStrings)).toEqual([
      'C-ADMIN',
      'C-DATA',
      'C-LLMJACK',
      'C-MODEL-INVOKE',
      'C-MODEL-THEFT',
      'C-OUTSIDE',
      'C-POISON-DATA',
      'C-POISON-MODEL',
      'C-POISON-RAG',
      'C-SECRETS',
    ]);
  });

  it.each(kinds)('$dir: every file is one rule whose id is the file name, listed in id order', ({ dir, list }) => {
    const ids = list.map((r) => r.id);
    expect(ids).toEqual(fileIds(dir));
    expect(ids).toEqual([...ids].sort(compareStrings));
  });

  it.each(kinds)('$dir: no id or alias names two rules', ({ list }) => {
    const names = list.flatMap((r) => [r.id, ...r.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(kinds)('$dir: every rule cites references and ATT&CK ids', ({ list }) => {
    for (const rule of list) {
      expect(rule.references.length, rule.id).toBeGreaterThan(0);
      expect(rule.attack.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('has exactly one entry-point rule per registered detector, named after it', () => {
    expect(rules.entryPoints.map((r) => r.detector).sort(compareStrings)).toEqual([...ENTRY_DETECTORS].sort(compareStrings));
    for (const rule of rules.entryPoints) expect(rule.id).toBe(rule.detector);
  });

  it('writes aliases as a known public catalogue entry or a retired kebab-case id', () => {
    const catalogue = /^(pathfinding\.cloud|iam-vulnerable):\S+$/;
    for (const rule of rules.techniques) {
      for (const alias of rule.aliases) expect(catalogue.test(alias) || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(alias), `${rule.id}: ${alias}`).toBe(true);
    }
  });

  it('backs every documented technique with public research: a catalogue alias or a reference outside AWS', () => {
    for (const rule of rules.techniques.filter((r) => r.confidence === 'documented')) {
      const research = rule.aliases.length > 0 || rule.references.some((url) => !url.startsWith('https://docs.aws.amazon.com/'));
      expect(research, rule.id).toBe(true);
    }
  });

  it('ships derived techniques only with the derived confidence that --no-derived switches off', () => {
    const derived = rules.techniques.filter((r) => r.confidence === 'derived').map((r) => r.id);
    expect(derived.length).toBeGreaterThan(0);
    for (const id of derived) expect(rules.techniques.find((r) => r.id === id)!.description, id).toMatch(/[Dd]erived/);
  });

  it('maps every sensitivity impact to an access level that resource-access defines for one of its kinds', () => {
    for (const rule of rules.sensitivity) {
      for (const access of Object.keys(rule.impacts)) {
        // account-admin is reached by escalation edges, not by a data-access action.
        if (access === 'admin') continue;
        // A credential found in configuration is read by holding or reading that configuration
        // (holds-credential and credential-read edges, src/analyze/terminal.ts), not by an action on it.
        if (rule.resourceKinds.every((kind) => kind === 'credential')) continue;
        const defined = rule.resourceKinds.some((kind) => kind !== 'account-admin' && kind !== 'credential' && rules.resourceAccess[kind]?.[access as 'read'] !== undefined);
        expect(defined, `${rule.id}.impacts.${access}`).toBe(true);
      }
    }
  });

  it('checks templated actions on concrete probe ARNs, never wildcards (bare `*` names resource-less actions)', () => {
    const templates = rules.techniques.flatMap((r) => r.actions.flatMap((a) => (a.arn && a.arn !== '*' ? [a.arn] : [])));
    expect(templates.length).toBeGreaterThan(0);
    for (const arn of templates) expect(arn).not.toContain('*');
  });
});
