/**
 * Runs the conformance corpus: every case evaluates to the documented outcome, cites a known
 * rule, and has a unique title; the corpus holds at least 300 cases.
 */
import { describe, expect, it } from 'vitest';
import { check, RULES, type Case } from './harness.js';
import { conditionCases } from './conditions.cases.js';
import { identityCases } from './identity.cases.js';
import { kmsS3Cases } from './kms-s3.cases.js';
import { limitCases } from './limits.cases.js';
import { managedCases } from './managed.cases.js';
import { organizationCases } from './organizations.cases.js';
import { resourceCases } from './resource.cases.js';
import { trustCases } from './trust.cases.js';
import { choiceCases } from './choices.cases.js';
import { regionCases } from './region.cases.js';
import { timeCases } from './time.cases.js';
import { variableCases } from './variables.cases.js';

const groups: Record<string, Case[]> = {
  'identity-based policies': identityCases,
  'resource-based policies': resourceCases,
  'boundaries and session policies': limitCases,
  'organization policies': organizationCases,
  'KMS key policies and S3 Block Public Access': kmsS3Cases,
  'role trust policies': trustCases,
  'conditions': conditionCases,
  'real-world policy shapes': managedCases,
  'time-bound conditions': timeCases,
  'policy variables: Version and keys with no value': variableCases,
  'request keys the attack chooses': choiceCases,
  'aws:RequestedRegion': regionCases,
};

for (const [name, cases] of Object.entries(groups)) {
  describe(`conformance: ${name}`, () => {
    it.each(cases)('$title', (c) => check(c));
  });
}

describe('the corpus itself', () => {
  const all = Object.values(groups).flat();
  it('cites a documented rule in every case and never repeats a title', () => {
    const rules = new Set<string>(Object.values(RULES));
    expect(all.filter((c) => !rules.has(c.rule)).map((c) => c.title)).toEqual([]);
    const titles = all.map((c) => c.title);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });

  it('holds at least 300 cases', () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
  });

  it('names a deny reason for every denied case', () => {
    expect(all.filter((c) => c.decision === 'denied' && !c.denyReason).map((c) => c.title)).toEqual([]);
  });
});
